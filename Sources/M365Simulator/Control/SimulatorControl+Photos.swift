import HTTPTypes
import M365Primitives

extension SimulatorControl {
    /// Sets (nil: removes) a user's profile photo. Like in Graph, this is no delta change.
    public func setUserPhoto(tenantId: String, _ key: String, _ photo: SimPhoto?) async throws {
        try withTenant(tenantId) { tenant, _ in
            guard let index = tenant.userPosition(key) else { throw SimulatorError.unknownObject(key) }
            tenant.users[index].photo = photo
        }
    }

    /// A contact's photo as stored by the last upload; nil when it has none.
    public func contactPhoto(tenantId: String? = nil, mailbox: String, contactId: String) async throws -> SimPhoto? {
        try withMailbox(mailbox, tenantId: tenantId) { mailbox, _ in
            guard let parsed = GraphIDs.parseItemID(contactId), parsed.kind == .contact,
                mailbox.contactIndex(parsed.seq) != nil
            else { throw SimulatorError.unknownObject(contactId) }
            return mailbox.photos[parsed.seq]
        }
    }
}
