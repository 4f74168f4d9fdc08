import Foundation
import M365Primitives

/// Builds a deterministic tenant from a seed and sizes: same seed and sizes, same objects and ids.
struct TenantGenerator {
    let seed: TenantSeed
    var random: SeededRandom
    /// Masks every id (see `newId()`).
    var idMask: SeededRandom

    init(seed: TenantSeed) {
        self.seed = seed
        self.random = SeededRandom(seed: seed.seed)
        self.idMask = SeededRandom(seed: SeededRandom.mix(seed.seed ^ 0x6D2B_79F5_A1B3_C4D7))
    }

    /// A new object id. The plain sequence of seed n+1 is seed n's one step later (SplitMix64 steps its state
    /// by the constant the seed is multiplied by), so ids are masked with a sequence of the tenant's own: ids
    /// never repeat across tenants, as GUIDs in Microsoft 365 do not, and every other value stays as it was.
    mutating func newId() -> String {
        random.guid(masking: &idMask)
    }

    static func domain(for seed: UInt64) -> String {
        let names = NamePools.tenantNames
        let index = Int((seed &- 1) % UInt64(names.count))
        let round = (seed &- 1) / UInt64(names.count)
        return "\(names[index])\(round > 0 ? String(round) : "").onmicrosoft.com"
    }

    mutating func make(now: Int64) -> TenantState {
        let tenantId = newId()
        let domain = seed.domain ?? Self.domain(for: seed.seed)
        var tenant = TenantState(tenantId: tenantId, domain: domain, seed: seed.seed)
        let company = String(domain.split(separator: ".").first ?? "contoso").capitalized
        var taken: Set<String> = []
        var mailboxesLeft = max(0, min(seed.mailboxes, seed.users))
        for index in 0..<max(0, seed.users) {
            var user = makeUser(index: index, domain: domain, company: company, taken: &taken)
            if index > 0, user.userType == "Member", random.chance(0.9) {
                let managerIndex = index <= 5 ? 0 : random.below(max(1, index / 3))
                user.managerId = tenant.users[managerIndex].id
            }
            let eligible = user.userType == "Member" && user.accountEnabled && !user.assignedLicenses.isEmpty
            let remaining = seed.users - index
            if mailboxesLeft > 0, eligible || remaining <= mailboxesLeft {
                user.hasMailbox = true
                mailboxesLeft -= 1
            }
            tenant.insertUser(user)
        }
        for index in 0..<max(0, seed.orgContacts) {
            tenant.insertOrgContact(makeOrgContact(index: index))
        }
        makeGroups(&tenant)
        for ownerId in tenant.users.filter(\.hasMailbox).map(\.id) {
            fillMailbox(&tenant.mailboxes[ownerId]!, now: now)
        }
        for index in 0..<max(0, seed.mailContacts) {
            let contact = makeOrgContact(index: seed.orgContacts + index)
            tenant.insertMailContact(
                MailContact(
                    guid: newId(),
                    name: "\(contact.displayName) \(index + 1)",
                    alias: "ext\(index + 1)",
                    displayName: contact.displayName,
                    externalEmailAddress: contact.mail ?? "ext\(index)@example.com",
                    fields: ["FirstName": contact.givenName ?? "", "LastName": contact.surname ?? ""],
                    whenCreated: now,
                    whenChanged: now
                )
            )
        }
        tenant.random = SeededRandom(seed: random.next())
        addPhotos(&tenant)
        return tenant
    }

    /// Gives `photoFraction` of the users a photo, drawn from a generator of its own so that every other
    /// generated object stays the same with or without photos.
    private func addPhotos(_ tenant: inout TenantState) {
        guard let fraction = seed.photoFraction, fraction > 0 else { return }
        var draw = SeededRandom(seed: seed.seed ^ 0x5048_4f54_4f53)
        for index in tenant.users.indices where draw.chance(fraction) {
            tenant.users[index].photo = SimPhoto.jpeg(label: tenant.users[index].id)
        }
    }

    private mutating func pickCulture() -> Culture {
        let total = NamePools.cultureWeights.reduce(0, +)
        var roll = random.below(total)
        for (index, weight) in NamePools.cultureWeights.enumerated() {
            if roll < weight { return NamePools.cultures[index] }
            roll -= weight
        }
        return NamePools.cultures[0]
    }

    /// A culture, a (native, ASCII) given name and surname from it, and the display name they make.
    private mutating func drawName() -> (Culture, given: (String, String), surname: (String, String), String) {
        let culture = pickCulture()
        let given = random.pick(culture.given)
        let surname = random.pick(culture.surnames)
        return (culture, given, surname, culture.familyFirst ? "\(surname.0)\(given.0)" : "\(given.0) \(surname.0)")
    }

    private mutating func phone(_ culture: Culture) -> String {
        culture.phonePrefix + String(random.below(10_000)).leftPadded(to: 4)
    }

    private mutating func makeUser(
        index: Int,
        domain: String,
        company: String,
        taken: inout Set<String>
    ) -> DirectoryUser {
        let (culture, given, surname, display) = drawName()
        var nick = "\(given.1).\(surname.1)"
        if taken.contains(nick) { nick += String(index) }
        taken.insert(nick)
        let id = newId()
        let roll = random.below(100)
        var user = DirectoryUser(id: id, userPrincipalName: "\(nick)@\(domain)", displayName: display)
        if roll >= 3 && roll < 4 {
            Self.makeRoom(&user, nick: nick, surname: surname.1, domain: domain)
            return user
        }
        user.givenName = given.0
        user.surname = surname.0
        user.preferredLanguage = culture.language
        user.country = culture.country
        let place = random.pick(culture.places.map { $0 })
        user.city = place.0
        user.state = place.1
        user.postalCode = place.2 + String(random.below(100)).leftPadded(to: 2)
        user.streetAddress = "\(place.3) \(random.below(200) + 1)"
        if roll < 3 {
            makeGuest(&user, nick: nick, domain: domain)
        } else {
            makeMember(&user, nick: nick, company: company, culture: culture, city: place.0, index: index)
        }
        return user
    }

    /// A room: disabled, unlicensed, named after the surname drawn.
    private static func makeRoom(_ user: inout DirectoryUser, nick: String, surname: String, domain: String) {
        user.displayName = "Conf Room \(surname.capitalized)"
        user.userPrincipalName = "room.\(nick)@\(domain)"
        user.mail = user.userPrincipalName
        user.mailNickname = "room.\(nick)"
        user.assignedLicenses = []
        user.accountEnabled = false
    }

    /// A guest from a partner company, with an `#EXT#` name.
    private mutating func makeGuest(_ user: inout DirectoryUser, nick: String, domain: String) {
        let partner = random.pick(NamePools.partnerCompanies.map { $0 })
        let external = "\(nick)@\(partner.1)"
        user.userType = "Guest"
        user.userPrincipalName = "\(nick)_\(partner.1)#EXT#@\(domain)"
        user.mailNickname = "\(nick)_\(partner.1)#EXT#"
        user.mail = external
        user.otherMails = [external]
        user.companyName = partner.0
    }

    /// A member of the company: job, office, phones, licence and the odd hidden or extended one.
    private mutating func makeMember(
        _ user: inout DirectoryUser,
        nick: String,
        company: String,
        culture: Culture,
        city: String,
        index: Int
    ) {
        user.mail = user.userPrincipalName
        user.mailNickname = nick
        user.companyName = company
        user.department = random.pick(NamePools.departments)
        user.jobTitle = random.pick(NamePools.titles)
        user.officeLocation = "\(city) \(random.below(40) + 1)/\(random.below(300) + 100)"
        if random.chance(0.85) { user.businessPhones = [phone(culture)] }
        if random.chance(0.6) { user.mobilePhone = phone(culture) }
        user.employeeId = String(100_000 + index)
        user.accountEnabled = !random.chance(0.04)
        user.assignedLicenses = random.chance(0.05) ? [] : [random.pick(NamePools.skus)]
        if random.chance(0.02) { user.showInAddressList = false }
        if random.chance(0.3) { user.extensionAttributes["extensionAttribute1"] = "CC-\(random.below(90) + 10)" }
        if random.chance(0.1) { user.otherMails = ["\(nick)@\(random.pick(NamePools.personalDomains))"] }
    }

    mutating func makeOrgContact(index: Int) -> OrgContact {
        let (culture, given, surname, display) = drawName()
        let partner = random.pick(NamePools.partnerCompanies.map { $0 })
        let nick = "\(given.1).\(surname.1)\(index)"
        let place = random.pick(culture.places.map { $0 })
        var phones = [OrgContact.Phone(number: phone(culture), type: "business")]
        if random.chance(0.5) { phones.append(OrgContact.Phone(number: phone(culture), type: "mobile")) }
        if random.chance(0.2) { phones.append(OrgContact.Phone(number: phone(culture), type: "businessFax")) }
        return OrgContact(
            id: newId(),
            displayName: display,
            givenName: given.0,
            surname: surname.0,
            mail: "\(nick)@\(partner.1)",
            mailNickname: nick,
            companyName: partner.0,
            department: random.pick(NamePools.departments),
            jobTitle: random.pick(NamePools.titles),
            addresses: [
                OrgContact.Address(
                    street: "\(place.3) \(random.below(99) + 1)",
                    city: place.0,
                    state: place.1,
                    postalCode: place.2 + String(random.below(100)).leftPadded(to: 2),
                    countryOrRegion: culture.country,
                    officeLocation: place.0
                )
            ],
            phones: phones,
            proxyAddresses: ["SMTP:\(nick)@\(partner.1)"]
        )
    }

    private mutating func makeGroups(_ tenant: inout TenantState) {
        guard seed.groups > 0 else { return }
        let members = tenant.users.filter { $0.userType == "Member" }
        tenant.groups.append(
            DirectoryGroup(
                id: newId(),
                displayName: "All Company",
                mailNickname: "allcompany",
                memberIds: members.map(\.id)
            )
        )
        for index in 1..<max(1, seed.groups) {
            let department = NamePools.departments[(index - 1) % NamePools.departments.count]
            var ids = members.filter { $0.department == department }.map(\.id)
            if index == 1, !tenant.orgContacts.isEmpty {
                ids.append(contentsOf: tenant.orgContacts.prefix(3).map(\.id))
            }
            if index == 2, tenant.groups.count > 1 {
                ids.append(tenant.groups[1].id)
                if let guest = tenant.users.first(where: { $0.userType == "Guest" }) { ids.append(guest.id) }
            }
            let nickname = department.lowercased().filter { $0.isLetter }
            tenant.groups.append(
                DirectoryGroup(
                    id: newId(),
                    displayName: "\(department) Team",
                    mailNickname: "\(nickname)\(index)",
                    memberIds: ids
                )
            )
        }
    }

    private mutating func fillMailbox(_ mailbox: inout Mailbox, now: Int64) {
        guard seed.handMadeContacts > 0 else { return }
        let count = random.below(seed.handMadeContacts + 1)
        var folder = Mailbox.defaultFolder
        if random.chance(0.2) {
            folder = mailbox.nextFolderSeq
            mailbox.folders.append(ContactFolder(seq: folder, parent: Mailbox.defaultFolder, displayName: "Family"))
            mailbox.nextFolderSeq += 1
        }
        for index in 0..<count {
            let (culture, given, surname, display) = drawName()
            var contact = mailbox.newContact(folder: index == 0 ? folder : Mailbox.defaultFolder, created: now)
            contact.givenName = given.0
            contact.surname = surname.0
            contact.displayName = display
            let address = "\(given.1).\(surname.1)@\(random.pick(NamePools.personalDomains))"
            contact.emailAddresses = [ContactEmail(name: contact.displayName, address: address)]
            if random.chance(0.7) { contact.mobilePhone = phone(culture) }
            if random.chance(0.3) { contact.setRare(.categories, ["Personal"]) }
            if random.chance(0.2) { contact.setRare(.personalNotes, "Met at the conference.") }
            mailbox.insert(contact)
        }
    }
}
