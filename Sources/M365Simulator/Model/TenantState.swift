import M365Primitives

/// Everything one simulated tenant holds.
struct TenantState: Sendable {
    let tenantId: String
    let domain: String
    let seed: UInt64
    var users: [DirectoryUser] = []
    var userIndex: [String: Int] = [:]
    var orgContacts: [OrgContact] = []
    var orgContactIndex: [String: Int] = [:]
    var groups: [DirectoryGroup] = []
    var mailboxes: [String: Mailbox] = [:]
    var mailContacts: [MailContact] = []
    var changeCounter = 0
    var nextSeq = 1
    /// Bumped to invalidate every outstanding directory delta token (410 Gone).
    var deltaEpoch = 0
    /// Delta responses replay and duplicate entries, as Graph documents it may: each page repeats its first entry,
    /// and each new round starts a few changes early, so entries of the last round come again.
    var deltaReplays = false
    /// Per-tenant random source for generated ids after seeding.
    var random: SeededRandom

    init(tenantId: String, domain: String, seed: UInt64) {
        self.tenantId = tenantId
        self.domain = domain
        self.seed = seed
        self.random = SeededRandom(seed: seed ^ 0xA5A5_5A5A)
    }

    func matches(_ key: String) -> Bool {
        key.lowercased() == tenantId || key.lowercased() == domain.lowercased()
    }

    mutating func nextChange() -> Int {
        changeCounter += 1
        return changeCounter
    }

    /// Index of a live or deleted user by id or UPN (case-insensitive).
    func userPosition(_ key: String) -> Int? {
        userIndex[key.lowercased()]
    }

    /// A user that is not deleted.
    func activeUser(_ key: String) -> DirectoryUser? {
        guard let index = userPosition(key), users[index].lifecycle == .active else { return nil }
        return users[index]
    }

    /// An org contact that is not deleted, by id (case-insensitive).
    func activeOrgContact(_ id: String) -> OrgContact? {
        guard let index = orgContactIndex[id.lowercased()], !orgContacts[index].deleted else { return nil }
        return orgContacts[index]
    }

    mutating func insertUser(_ user: DirectoryUser) {
        var user = user
        user.seq = nextSeq
        nextSeq += 1
        user.changeSeq = nextChange()
        let index = users.count
        users.append(user)
        userIndex[user.id.lowercased()] = index
        userIndex[user.userPrincipalName.lowercased()] = index
        if user.hasMailbox, mailboxes[user.id] == nil {
            mailboxes[user.id] = Mailbox(ownerId: user.id, ownerIndex: index)
        }
    }

    mutating func insertOrgContact(_ contact: OrgContact) {
        var contact = contact
        contact.seq = nextSeq
        nextSeq += 1
        contact.changeSeq = nextChange()
        orgContactIndex[contact.id.lowercased()] = orgContacts.count
        orgContacts.append(contact)
    }

    func group(_ id: String) -> DirectoryGroup? {
        groups.first { $0.id.lowercased() == id.lowercased() }
    }
}
