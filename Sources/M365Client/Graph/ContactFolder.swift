import M365Core
import M365Primitives

/// An Outlook contact folder.
public struct ContactFolder: Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var parentFolderId: String?

    public init(id: String, displayName: String, parentFolderId: String?) {
        self.id = id
        self.displayName = displayName
        self.parentFolderId = parentFolderId
    }

    init?(_ object: [String: JSONValue]) {
        guard let id = object["id"]?.stringValue else { return nil }
        self.init(
            id: id,
            displayName: object["displayName"]?.stringValue ?? "",
            parentFolderId: object["parentFolderId"]?.stringValue
        )
    }
}
