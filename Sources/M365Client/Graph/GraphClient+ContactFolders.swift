import Foundation
import HTTPTypes
import M365Core
import M365Curl
import M365Primitives

extension GraphClient {
    /// Top-level contact folders of a mailbox, or the child folders of `parentFolderId`.
    public func listContactFolders(mailbox: String, parentFolderId: String? = nil) async throws -> [ContactFolder] {
        try await contactFolders(mailbox, parent: parentFolderId, query: [("$top", "\(options.contactsPageSize)")])
    }

    /// The folder named `displayName` directly under the parent (top level when nil), or nil.
    public func findContactFolder(
        mailbox: String,
        displayName: String,
        parentFolderId: String? = nil
    ) async throws -> ContactFolder? {
        try await findContactFolders(mailbox: mailbox, displayName: displayName, parentFolderId: parentFolderId).first
    }

    /// Every folder named `displayName` directly under the parent (Outlook allows several): exact matches first,
    /// then those differing only in case.
    public func findContactFolders(
        mailbox: String,
        displayName: String,
        parentFolderId: String? = nil
    ) async throws -> [ContactFolder] {
        let literal = displayName.replacingOccurrences(of: "'", with: "''")
        let query = [("$filter", "displayName eq '\(literal)'")]
        let found = try await contactFolders(mailbox, parent: parentFolderId, query: query)
        return found.filter { $0.displayName == displayName }
            + found.filter { $0.displayName != displayName && $0.displayName.lowercased() == displayName.lowercased() }
    }

    /// Creates a folder under the parent (top level when nil).
    ///
    /// The POST is not blindly retried; when its response is lost, the folder is looked up by name
    /// so that a folder created by the lost request is returned instead of a second one.
    public func createContactFolder(
        mailbox: String,
        displayName: String,
        parentFolderId: String? = nil
    ) async throws -> ContactFolder {
        let url = URLBuilder.url(root, foldersPath(mailbox, parent: parentFolderId))
        let object: [String: JSONValue]
        do {
            object = try await sendForObject(
                graphRequest(
                    .post,
                    url,
                    kind: "graph.contactFolder.create",
                    body: .object(["displayName": .string(displayName)]),
                    mailbox: mailbox
                )
            )
        } catch let error as M365Error where error.kind == .outcomeUnknown {
            if let existing = try await findContactFolder(
                mailbox: mailbox,
                displayName: displayName,
                parentFolderId: parentFolderId
            ) {
                return existing
            }
            throw error
        }
        guard let folder = ContactFolder(object) else {
            throw M365Error.invalidResponse(
                "created folder has no id",
                context: ResponseContext(operation: "graph.contactFolder.create", status: 201)
            )
        }
        return folder
    }

    func foldersPath(_ mailbox: String, parent: String?) -> String {
        if let parent {
            return mailboxPath(mailbox) + "/contactFolders/\(URLBuilder.segment(parent))/childFolders"
        }
        return mailboxPath(mailbox) + "/contactFolders"
    }

    /// Every folder under the parent (top level when nil) that `query` selects, all pages.
    private func contactFolders(
        _ mailbox: String,
        parent: String?,
        query: [(String, String)]
    ) async throws -> [ContactFolder] {
        let kind = "graph.contactFolders"
        let url = URLBuilder.url(root, foldersPath(mailbox, parent: parent), query: query)
        return try await collectPages(from: url, kind: kind, mailbox: mailbox).map { item in
            guard let folder = ContactFolder(item) else {
                throw M365Error.invalidResponse("contact folder without id", context: ResponseContext(operation: kind))
            }
            return folder
        }
    }
}
