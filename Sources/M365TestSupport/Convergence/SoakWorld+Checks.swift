import Foundation
import M365Core
import M365Primitives
import M365Simulator
import Synchronization

extension SoakWorld {
    /// Source users both jobs select: enabled members with an address, not deleted, not hidden.
    func eligiblePeople() async throws -> Set<String> {
        Set(try await eligibleUsers().map(\.id))
    }

    func eligibleUsers() async throws -> [DirectoryUser] {
        try await control.users(tenantId: source).filter {
            $0.userType == "Member" && $0.accountEnabled && $0.lifecycle == .active && $0.mail != nil
                && $0.showInAddressList != false
        }
    }

    /// People whose contacts a run left half-done: an unmarked mail contact at their address, or no marked one.
    func unsettledPeople() async throws -> Set<String> {
        let contacts = try await control.mailContacts(tenantId: target)
        let marked = Set(contacts.compactMap(Self.owner(of:)))
        let unmarkedAddresses = Set(
            contacts.filter { $0.fields["CustomAttribute15"] == nil }.map { $0.externalEmailAddress.lowercased() }
        )
        return Set(
            try await eligibleUsers().filter { user in
                !marked.contains(user.id) || unmarkedAddresses.contains(user.mail?.lowercased() ?? "")
            }.map(\.id)
        )
    }

    /// Per target (each mailbox, and fabrikam), the source ids that have a contact the job owns.
    func ownedBySource() async throws -> [String: Set<String>] {
        var owned: [String: Set<String>] = [:]
        for mailbox in mailboxes {
            owned[mailbox] = Set(
                try await control.contacts(inMailbox: mailbox).compactMap { Self.owner(of: $0, job: "pc") }
            )
        }
        owned["fabrikam"] = Set(try await control.mailContacts(tenantId: target).compactMap(Self.owner(of:)))
        return owned
    }

    /// The source id in a personal contact's m365sync marker for `job`.
    static func owner(of contact: JSONValue, job: String) -> String? {
        let values = (contact["singleValueExtendedProperties"]?.arrayValue ?? []).compactMap {
            $0["value"]?.stringValue
        }
        return values.lazy.compactMap { OwnershipMarker(parsing: $0) }.first { $0.job == job }?.sourceId
    }

    /// The source id in a mail contact's m365sync marker for `t2t`.
    static func owner(of contact: MailContact) -> String? {
        contact.fields["CustomAttribute15"].flatMap { OwnershipMarker(parsing: $0) }.flatMap {
            $0.job == "t2t" ? $0.sourceId : nil
        }
    }

    /// With the faults over: one run repairs, the next writes nothing, and every target is exactly right.
    func checkConvergence(outcome: inout ConvergenceSoak.Outcome) async throws {
        await control.clearFaults()
        try await runInline()
        await control.clearRequestLog()
        let quiet = try await runInline()
        let seed = configuration.seed
        let writes = await control.requestLog().filter(Self.isWrite)
        if !writes.isEmpty {
            outcome.violations.append("seed \(seed): the run after the repair wrote \(writes.map(\.target))")
        }
        for report in quiet where report.status != .succeeded {
            outcome.violations.append("seed \(seed): job \(report.job) ended \(report.status) after the faults stopped")
        }
        let users = try await eligibleUsers()
        outcome.violations += try await mailboxProblems(users)
        outcome.violations += try await addressBookProblems(users)
    }

    /// Each mailbox holds one contact per eligible person (its owner may be left out), none for anyone else,
    /// with the person's name and address, and the contacts people made exactly as they were.
    private func mailboxProblems(_ users: [DirectoryUser]) async throws -> [String] {
        let seed = configuration.seed
        let byId = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for mailbox in mailboxes {
            let contacts = try await control.contacts(inMailbox: mailbox)
            let owned = contacts.compactMap { contact in Self.owner(of: contact, job: "pc").map { ($0, contact) } }
            let ids = owned.map(\.0)
            if Set(ids).count != ids.count { problems.append("seed \(seed): \(mailbox) holds a person twice") }
            let ownerId = try await control.user(tenantId: source, mailbox).id
            let missing = Set(byId.keys).subtracting(ids).subtracting([ownerId])
            let extra = Set(ids).subtracting(byId.keys)
            if !missing.isEmpty { problems.append("seed \(seed): \(mailbox) lacks \(missing.sorted())") }
            if !extra.isEmpty {
                problems.append("seed \(seed): \(mailbox) keeps \(extra.sorted()), no longer eligible")
            }
            for (id, contact) in owned {
                guard let user = byId[id] else { continue }
                let address = contact["emailAddresses"]?.arrayValue?.first?["address"]?.stringValue
                if contact["displayName"]?.stringValue != user.displayName
                    || address?.lowercased() != user.mail?.lowercased()
                {
                    problems.append("seed \(seed): \(mailbox) has a stale contact of \(id)")
                }
            }
            let made = handMade.withLock { $0[mailbox] ?? [:] }
            let now = Dictionary(
                contacts.compactMap { c in c["id"]?.stringValue.map { ($0, c) } },
                uniquingKeysWith: { a, _ in a }
            )
            for (id, original) in made where now[id] != original {
                problems.append("seed \(seed): a contact made by hand in \(mailbox) changed or vanished (\(id))")
            }
        }
        return problems
    }

    /// fabrikam holds one marked mail contact per eligible person at their address, no unmarked one with a
    /// source address, and its foreign contacts as they were.
    private func addressBookProblems(_ users: [DirectoryUser]) async throws -> [String] {
        let seed = configuration.seed
        let contacts = try await control.mailContacts(tenantId: target)
        var problems: [String] = []
        for user in users {
            let theirs = contacts.filter { Self.owner(of: $0) == user.id }
            if theirs.count != 1 || theirs.first?.externalEmailAddress.lowercased() != user.mail?.lowercased() {
                problems.append(
                    "seed \(seed): fabrikam has \(theirs.count) contacts of \(user.id) (\(user.mail ?? ""))"
                )
            }
        }
        let eligible = Set(users.map(\.id))
        for contact in contacts {
            if let id = Self.owner(of: contact), !eligible.contains(id) {
                problems.append("seed \(seed): fabrikam keeps the contact of \(id), no longer eligible")
            }
        }
        let current = Set(try await control.users(tenantId: source).compactMap { $0.mail?.lowercased() })
        let addresses = current.union(formerAddresses.withLock { $0 })
        let strays = contacts.filter {
            $0.fields["CustomAttribute15"] == nil && addresses.contains($0.externalEmailAddress.lowercased())
        }
        if !strays.isEmpty {
            problems.append("seed \(seed): unmarked contacts left in fabrikam: \(strays.map(\.name))")
        }
        for original in foreign where !contacts.contains(original) {
            problems.append("seed \(seed): the foreign mail contact \(original.name) changed or vanished")
        }
        return problems
    }
}
