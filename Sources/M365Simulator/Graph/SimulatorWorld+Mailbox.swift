import Foundation
import HTTPTypes
import M365Primitives

/// Where a mailbox request points once ids are resolved.
struct MailboxTarget {
    var tenant: Int
    var ownerId: String
    /// The URL form used for links (`users/{key}`).
    var key: String
}

extension SimulatorWorld {
    /// Serves `/users/{id|upn}/contactFolders…` and `/users/{id|upn}/contacts…`.
    mutating func serveMailbox(
        _ s: [String],
        route: RouteInfo,
        tenant: Int,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let target = try mailboxTarget(key: s[1], tenant: tenant, context: context)
        if route.endpoint == "graph.mailbox.contacts.photo" {
            return try serveContactPhoto(s, target: target, context: context)
        }
        if ["POST", "PATCH"].contains(context.request.method),
            context.request.header("content-type")?.lowercased().hasPrefix("application/json") != true
        {
            throw GraphError(
                status: 415,
                code: "UnsupportedMediaType",
                message: "A supported MIME type could not be found that matches the content type of the response."
            )
        }
        if s[2].lowercased() == "contacts" { return try serveDefaultContacts(s, target: target, context: context) }
        guard s.count > 3 else {
            let path = "users/\(target.key)/contactFolders"
            return try serveFolders(target, parent: Mailbox.defaultFolder, path: path, context: context)
        }
        return try serveInFolder(s, target: target, context: context)
    }

    /// The mailbox of an active user with one, created on first use; refused without a Contacts role.
    private mutating func mailboxTarget(
        key: String,
        tenant: Int,
        context: GraphContext
    ) throws(GraphError) -> MailboxTarget {
        let reading = context.request.method == "GET"
        guard context.hasRole("Contacts.ReadWrite") || (reading && context.hasRole("Contacts.Read")) else {
            throw .outlookDenied
        }
        guard let position = tenants[tenant].userPosition(key), tenants[tenant].users[position].lifecycle == .active
        else {
            throw .invalidUser(key)
        }
        let user = tenants[tenant].users[position]
        guard user.hasMailbox else { throw .mailboxNotEnabled }
        if tenants[tenant].mailboxes[user.id] == nil {
            tenants[tenant].mailboxes[user.id] = Mailbox(ownerId: user.id, ownerIndex: position)
        }
        return MailboxTarget(tenant: tenant, ownerId: user.id, key: key)
    }

    /// `/users/{id}/contacts` and `/users/{id}/contacts/{id}`: the default folder.
    private mutating func serveDefaultContacts(
        _ s: [String],
        target: MailboxTarget,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        guard s.count == 3 else {
            guard s.count == 4 else { throw .notFoundRoute(s.last ?? "") }
            return try serveContact(target, id: s[3], folder: nil, context: context)
        }
        let path = "users/\(target.key)/contacts"
        return try serveContacts(target, folder: Mailbox.defaultFolder, path: path, context: context)
    }

    /// A folder's child folders: GET lists them, POST creates one.
    private mutating func serveFolders(
        _ target: MailboxTarget,
        parent: UInt32,
        path: String,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        switch context.request.method {
        case "GET": return try listFolders(target, parent: parent, path: path, context: context)
        case "POST": return try createFolder(target, parent: parent, context: context)
        default: throw .methodNotAllowed()
        }
    }

    /// A folder's contacts: GET lists them, POST creates one.
    private mutating func serveContacts(
        _ target: MailboxTarget,
        folder: UInt32,
        path: String,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        switch context.request.method {
        case "GET": return try listContacts(target, folder: folder, path: path, context: context)
        case "POST": return try createContact(target, folder: folder, context: context)
        default: throw .methodNotAllowed()
        }
    }

    /// `/users/{id}/contactFolders/{f}[/childFolders|/contacts[/delta|/{id}]]`.
    private mutating func serveInFolder(
        _ s: [String],
        target: MailboxTarget,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let mailbox = tenants[target.tenant].mailboxes[target.ownerId]!
        let folder = try mailbox.itemSeq(s[3], kind: .folder)
        guard folder == Mailbox.defaultFolder || mailbox.folderIndex(folder) != nil else { throw .itemNotFound }
        if s.count == 4 { return try serveFolder(target, folder: folder, context: context) }
        let sub = s[4].lowercased()
        let folderPath = "users/\(target.key)/contactFolders/\(s[3])"
        if sub == "childfolders", s.count == 5 {
            return try serveFolders(target, parent: folder, path: folderPath + "/childFolders", context: context)
        }
        guard sub == "contacts" else { throw .notFoundRoute(s[4]) }
        if s.count == 5 {
            return try serveContacts(target, folder: folder, path: folderPath + "/contacts", context: context)
        }
        guard s.count == 6 else { throw .notFoundRoute(s.last ?? "") }
        if s[5].lowercased() == "delta" {
            return try contactsDelta(target, folder: folder, path: folderPath + "/contacts/delta", context: context)
        }
        return try serveContact(target, id: s[5], folder: folder, context: context)
    }

    /// `…/contacts/{id}/photo…` in the default folder or `…/contactFolders/{f}/contacts/{id}/photo…`.
    private mutating func serveContactPhoto(
        _ s: [String],
        target: MailboxTarget,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        if s[2].lowercased() == "contacts" {
            return try serveContactPhoto(target, id: s[3], folder: nil, rest: s[4...], context: context)
        }
        let folder = try tenants[target.tenant].mailboxes[target.ownerId]!.itemSeq(s[3], kind: .folder)
        return try serveContactPhoto(target, id: s[5], folder: folder, rest: s[6...], context: context)
    }

    func folderJSON(_ folder: ContactFolder, owner: String) -> [String: JSONValue] {
        [
            "id": .string(GraphIDs.itemID(kind: .folder, owner: owner, seq: folder.seq)),
            "displayName": .string(folder.displayName),
            "parentFolderId": .string(GraphIDs.itemID(kind: .folder, owner: owner, seq: folder.parent)),
        ]
    }

    mutating func listFolders(
        _ target: MailboxTarget,
        parent: UInt32,
        path: String,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let query = try GraphQuery.parse(context.request)
        let mailbox = tenants[target.tenant].mailboxes[target.ownerId]!
        let owner = target.ownerId
        return page(
            mailbox.folders.filter { $0.parent == parent },
            seq: { Int($0.seq) },
            include: { folder in
                query.filter?.evaluate { path in
                    switch path.lowercased() {
                    case "displayname": return .scalar(.string(folder.displayName))
                    case "id": return .scalar(.string(GraphIDs.itemID(kind: .folder, owner: owner, seq: folder.seq)))
                    default: return .unknown
                    }
                } ?? true
            },
            render: { folder in
                Self.select(
                    query.select,
                    defaults: ["id", "displayName", "parentFolderId"],
                    value: { self.folderJSON(folder, owner: owner)[$0] ?? .null }
                )
            },
            query: query,
            path: path,
            contextName: "users('\(target.key)')/contactFolders",
            defaultTop: 10,
            maxTop: 1_000,
            context: context
        )
    }

    mutating func createFolder(
        _ target: MailboxTarget,
        parent: UInt32,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        guard let body = try? JSONValue(decoding: Data(context.request.body)), let object = body.objectValue else {
            throw .requestBodyRead("Invalid JSON. A token was not recognized in the JSON content.")
        }
        for name in object.keys.sorted()
        where !["displayName", "parentFolderId"].contains(name) && !name.hasPrefix("@odata.") {
            throw .requestBodyRead(
                "The property '\(name)' does not exist on type 'Microsoft.OutlookServices.ContactFolder'. Make sure to only use property names that are defined by the type or mark the type as open type."
            )
        }
        guard let name = object["displayName"]?.stringValue, !name.isEmpty else {
            throw GraphError(
                status: 400,
                code: "ErrorInvalidParameter",
                message: "The value of the parameter 'DisplayName' is empty."
            )
        }
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        if mailbox.folders.contains(where: { $0.parent == parent && $0.displayName.lowercased() == name.lowercased() })
        {
            throw GraphError(
                status: 409,
                code: "ErrorFolderExists",
                message: "A folder with the specified name already exists."
            )
        }
        let folder = ContactFolder(seq: mailbox.nextFolderSeq, parent: parent, displayName: name)
        mailbox.nextFolderSeq += 1
        mailbox.folders.append(folder)
        var json = folderJSON(folder, owner: target.ownerId)
        json["@odata.context"] = .string("\(context.base)/v1.0/$metadata#users('\(target.key)')/contactFolders/$entity")
        return context.ok(201, .object(json))
    }

    mutating func serveFolder(
        _ target: MailboxTarget,
        folder: UInt32,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        let rootJSON = ContactFolder(seq: Mailbox.defaultFolder, parent: Mailbox.rootFolder, displayName: "Contacts")
        guard let index = mailbox.folderIndex(folder) else { throw .itemNotFound }
        switch context.request.method {
        case "GET":
            return context.ok(
                200,
                .object(
                    folderJSON(
                        folder == Mailbox.defaultFolder ? rootJSON : mailbox.folders[index],
                        owner: target.ownerId
                    )
                )
            )
        case "PATCH":
            guard let name = (try? JSONValue(decoding: Data(context.request.body)))?["displayName"]?.stringValue else {
                throw .requestBodyRead("Invalid JSON. A token was not recognized in the JSON content.")
            }
            mailbox.folders[index].displayName = name
            return context.ok(200, .object(folderJSON(mailbox.folders[index], owner: target.ownerId)))
        case "DELETE":
            guard folder != Mailbox.defaultFolder else {
                throw GraphError(
                    status: 400,
                    code: "ErrorDeleteDistinguishedFolder",
                    message: "Distinguished folders cannot be deleted."
                )
            }
            mailbox.removeFolder(folder)
            return context.ok(204, .null).withoutBody()
        default:
            throw .methodNotAllowed()
        }
    }
}

extension Mailbox {
    /// Decodes an item id that must belong to this mailbox.
    func itemSeq(_ id: String, kind: GraphIDs.Kind) throws(GraphError) -> UInt32 {
        guard let parsed = GraphIDs.parseItemID(id) else { throw .idMalformed }
        guard parsed.kind == kind, parsed.owner == ownerId else { throw .itemNotFound }
        return parsed.seq
    }

    /// The index of contact `id`, which must be in `folder` when one is given.
    func contactIndex(_ id: String, folder: UInt32?) throws(GraphError) -> Int {
        let seq = try itemSeq(id, kind: .contact)
        guard let index = contactIndex(seq), folder == nil || contacts[index].folder == folder else {
            throw .itemNotFound
        }
        return index
    }
}

extension SimResponse {
    /// The same response with no body (204).
    func withoutBody() -> SimResponse {
        var copy = self
        copy.body = []
        copy.headers[.contentType] = nil
        return copy
    }
}
