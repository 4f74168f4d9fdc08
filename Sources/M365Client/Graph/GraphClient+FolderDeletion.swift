import HTTPTypes
import M365Core
import M365Curl

extension GraphClient {
    /// Deletes a contact folder (and, on the service side, anything left in it).
    public func deleteContactFolder(mailbox: String, folderId: String) async throws {
        let url = URLBuilder.url(root, mailboxPath(mailbox) + "/contactFolders/\(URLBuilder.segment(folderId))")
        _ = try await send(graphRequest(.delete, url, kind: "graph.contactFolder.delete", mailbox: mailbox))
    }
}
