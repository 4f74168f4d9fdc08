import M365Client
import M365Core
import M365Primitives

/// What a mailbox's writes did, for the mirror and the photo step: what went through as far as the responses said.
struct AppliedPlan: Sendable {
    /// Contacts updated, by id.
    var updated: Set<String> = []
    /// Contacts removed (or already gone), by id.
    var removed: Set<String> = []
    /// Contacts created, by source id, as the service returned them.
    var createdContacts: [String: CreatedContact] = [:]
    /// Some create's response was lost: the mirror cannot know that contact's id, so the next run reads the
    /// mailbox in full.
    var lostCreates = false

    /// The ids of the contacts created, by source id.
    var created: [String: String] {
        createdContacts.mapValues(\.id)
    }

    /// Records one write that went through, by its batch key (`add:`, `update:`, `remove:`).
    mutating func record(key: String, sourceId: String, result: Result<[String: JSONValue]?, M365Error>) {
        if key.hasPrefix("update:") {
            updated.insert(String(key.dropFirst("update:".count)))
        } else if key.hasPrefix("remove:") {
            removed.insert(String(key.dropFirst("remove:".count)))
        } else if key.hasPrefix("add:"), case .success(let object?) = result,
            let created = CreatedContact(reply: object)
        {
            createdContacts[sourceId] = created
        }
    }
}

/// What the mirror keeps of a create's reply.
struct CreatedContact: Sendable, Equatable {
    var id: String
    var createdDateTime: String?
    /// The folder it was created in, which names the default folder.
    var parentFolderId: String?

    init?(reply: [String: JSONValue]) {
        guard let id = reply["id"]?.stringValue else { return nil }
        self.id = id
        self.createdDateTime = reply["createdDateTime"]?.stringValue
        self.parentFolderId = reply["parentFolderId"]?.stringValue
    }
}
