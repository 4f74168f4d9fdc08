import M365Core
import M365Primitives

/// One write to a mailbox's contacts, sent through `$batch` by ``GraphClient/applyContactChanges(mailbox:changes:)``.
public struct ContactChange: Sendable {
    public enum Operation: Sendable {
        /// Create in a folder (nil: the default Contacts folder).
        case create(folderId: String?, properties: [String: JSONValue])
        case update(contactId: String, properties: [String: JSONValue])
        case delete(contactId: String)
        /// Replace the contact's photo (`PUT …/photo/$value`; Graph has no way to remove one).
        case setPhoto(contactId: String, photo: PhotoContent)
    }

    /// The caller's key for matching results (for example the source object id).
    public var key: String
    public var operation: Operation

    public init(key: String, operation: Operation) {
        self.key = key
        self.operation = operation
    }

    var isCreate: Bool {
        if case .create = operation { return true }
        return false
    }

    var kind: String {
        switch operation {
        case .create: "graph.contact.create"
        case .update: "graph.contact.update"
        case .delete: "graph.contact.delete"
        case .setPhoto: "graph.contact.photo"
        }
    }
}

/// The result of one ``ContactChange``: for a create, the new contact's id, times and folder
/// (``GraphClient/keptReplyProperties``); nil for other changes; or the error.
public struct ContactChangeResult: Sendable {
    public var key: String
    public var result: Result<[String: JSONValue]?, M365Error>

    public var error: M365Error? {
        if case .failure(let error) = result { return error }
        return nil
    }
}
