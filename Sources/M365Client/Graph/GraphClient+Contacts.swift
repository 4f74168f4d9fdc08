import Foundation
import HTTPTypes
import M365Core
import M365Curl
import M365Primitives

extension GraphClient {
    /// All contacts of a folder (the default Contacts folder when `folderId` is nil).
    ///
    /// With `extendedPropertyId`, each contact carries `singleValueExtendedProperties` filtered to that id.
    public func listContacts(
        mailbox: String,
        folderId: String?,
        select: [String],
        extendedPropertyId: String? = nil
    ) async throws -> [[String: JSONValue]] {
        let url = contactsListURL(mailbox, folderId: folderId, select: select, extendedPropertyId: extendedPropertyId)
        return try await collectPages(from: url, kind: "graph.contacts", mailbox: mailbox)
    }

    /// The contacts of a folder handed to `handle` a page at a time as they arrive, so that a listing costs one
    /// page of memory whatever the folder's size. A page that fails ends the listing with an error: the pages
    /// handed on before it are not the whole folder.
    public func listContacts(
        mailbox: String,
        folderId: String?,
        select: [String],
        extendedPropertyId: String? = nil,
        _ handle: ([[String: JSONValue]]) throws -> Void
    ) async throws {
        let url = contactsListURL(mailbox, folderId: folderId, select: select, extendedPropertyId: extendedPropertyId)
        _ = try await forEachPage(from: url, kind: "graph.contacts", mailbox: mailbox, handle)
    }

    private func contactsListURL(
        _ mailbox: String,
        folderId: String?,
        select: [String],
        extendedPropertyId: String?
    ) -> String {
        var query = [("$select", Self.selectList(select)), ("$top", "\(options.contactsPageSize)")]
        if let extendedPropertyId {
            query.append(("$expand", Self.extendedPropertyExpand(extendedPropertyId)))
        }
        return URLBuilder.url(root, contactsPath(mailbox, folderId: folderId), query: query)
    }

    /// One contact, optionally with one extended property.
    public func getContact(
        mailbox: String,
        contactId: String,
        select: [String],
        extendedPropertyId: String? = nil
    ) async throws -> [String: JSONValue] {
        var query = [("$select", Self.selectList(select))]
        if let extendedPropertyId { query.append(("$expand", Self.extendedPropertyExpand(extendedPropertyId))) }
        let path = mailboxPath(mailbox) + "/contacts/\(URLBuilder.segment(contactId))"
        return try await sendForObject(
            graphRequest(.get, URLBuilder.url(root, path, query: query), kind: "graph.contact", mailbox: mailbox)
        )
    }

    /// Creates a contact in a folder (default folder when nil) and returns the service's object.
    ///
    /// Never silently repeated: when the response is lost the error is `outcomeUnknown`.
    public func createContact(
        mailbox: String,
        folderId: String?,
        properties: [String: JSONValue]
    ) async throws -> [String: JSONValue] {
        let url = URLBuilder.url(root, contactsPath(mailbox, folderId: folderId))
        return try await sendForObject(
            graphRequest(.post, url, kind: "graph.contact.create", body: .object(properties), mailbox: mailbox)
        )
    }

    /// Changes properties of a contact (PATCH; an empty string or null clears a field).
    public func updateContact(mailbox: String, contactId: String, properties: [String: JSONValue]) async throws {
        let url = URLBuilder.url(root, mailboxPath(mailbox) + "/contacts/\(URLBuilder.segment(contactId))")
        _ = try await send(
            graphRequest(.patch, url, kind: "graph.contact.update", body: .object(properties), mailbox: mailbox)
        )
    }

    /// Deletes a contact.
    public func deleteContact(mailbox: String, contactId: String) async throws {
        let url = URLBuilder.url(root, mailboxPath(mailbox) + "/contacts/\(URLBuilder.segment(contactId))")
        _ = try await send(graphRequest(.delete, url, kind: "graph.contact.delete", mailbox: mailbox))
    }

    func contactsPath(_ mailbox: String, folderId: String?) -> String {
        guard let folderId else { return mailboxPath(mailbox) + "/contacts" }
        return mailboxPath(mailbox) + "/contactFolders/\(URLBuilder.segment(folderId))/contacts"
    }

    static func extendedPropertyExpand(_ id: String) -> String {
        "singleValueExtendedProperties($filter=id eq '\(id.replacingOccurrences(of: "'", with: "''"))')"
    }
}
