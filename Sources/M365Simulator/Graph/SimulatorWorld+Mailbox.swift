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
    mutating func serveMailbox(_ s: [String], route: RouteInfo, tenant: Int, context: GraphContext) -> SimResponse {
        let target: MailboxTarget
        do {
            target = try mailboxTarget(key: s[1], tenant: tenant, context: context)
        } catch {
            return context.fail(error)
        }
        if route.endpoint == "graph.mailbox.contacts.photo" {
            return serveContactPhoto(s, target: target, context: context)
        }
        if ["POST", "PATCH"].contains(context.request.method),
            context.request.header("content-type")?.lowercased().hasPrefix("application/json") != true
        {
            return context.fail(
                GraphError(
                    status: 415,
                    code: "UnsupportedMediaType",
                    message: "A supported MIME type could not be found that matches the content type of the response."
                )
            )
        }
        if s[2].lowercased() == "contacts" { return serveDefaultContacts(s, target: target, context: context) }
        if s.count == 3 {
            if context.request.method == "GET" {
                return listFolders(
                    target,
                    parent: Mailbox.defaultFolder,
                    path: "users/\(target.key)/contactFolders",
                    context: context
                )
            }
            guard context.request.method == "POST" else { return context.fail(.methodNotAllowed()) }
            return createFolder(target, parent: Mailbox.defaultFolder, context: context)
        }
        return serveInFolder(s, target: target, context: context)
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
    ) -> SimResponse {
        let method = context.request.method
        guard s.count == 3 else {
            guard s.count == 4 else { return context.fail(.notFoundRoute(s.last ?? "")) }
            return serveContact(target, id: s[3], folder: nil, context: context)
        }
        if method == "GET" {
            return listContacts(
                target,
                folder: Mailbox.defaultFolder,
                path: "users/\(target.key)/contacts",
                context: context
            )
        }
        guard method == "POST" else { return context.fail(.methodNotAllowed()) }
        return createContact(target, folder: Mailbox.defaultFolder, context: context)
    }

    /// `/users/{id}/contactFolders/{f}[/childFolders|/contacts[/delta|/{id}]]`.
    private mutating func serveInFolder(_ s: [String], target: MailboxTarget, context: GraphContext) -> SimResponse {
        let method = context.request.method
        let reading = method == "GET"
        let folder: UInt32
        switch resolveItem(s[3], kind: .folder, target: target) {
        case .failure(let error): return context.fail(error)
        case .success(let seq): folder = seq
        }
        let mailbox = tenants[target.tenant].mailboxes[target.ownerId]
        guard folder == Mailbox.defaultFolder || mailbox?.folderIndex(folder) != nil else {
            return context.fail(.itemNotFound)
        }
        if s.count == 4 { return serveFolder(target, folder: folder, context: context) }
        let sub = s[4].lowercased()
        let folderPath = "users/\(target.key)/contactFolders/\(s[3])"
        if sub == "childfolders", s.count == 5 {
            if reading {
                return listFolders(target, parent: folder, path: folderPath + "/childFolders", context: context)
            }
            guard method == "POST" else { return context.fail(.methodNotAllowed()) }
            return createFolder(target, parent: folder, context: context)
        }
        guard sub == "contacts" else { return context.fail(.notFoundRoute(s[4])) }
        if s.count == 5 {
            if reading { return listContacts(target, folder: folder, path: folderPath + "/contacts", context: context) }
            guard method == "POST" else { return context.fail(.methodNotAllowed()) }
            return createContact(target, folder: folder, context: context)
        }
        guard s.count == 6 else { return context.fail(.notFoundRoute(s.last ?? "")) }
        if s[5].lowercased() == "delta" {
            return contactsDelta(target, folder: folder, path: folderPath + "/contacts/delta", context: context)
        }
        return serveContact(target, id: s[5], folder: folder, context: context)
    }

    /// `…/contacts/{id}/photo…` in the default folder or `…/contactFolders/{f}/contacts/{id}/photo…`.
    private mutating func serveContactPhoto(_ s: [String], target: MailboxTarget, context: GraphContext) -> SimResponse
    {
        if s[2].lowercased() == "contacts" {
            return serveContactPhoto(target, id: s[3], folder: nil, rest: s[4...], context: context)
        }
        switch resolveItem(s[3], kind: .folder, target: target) {
        case .failure(let error): return context.fail(error)
        case .success(let folder):
            return serveContactPhoto(target, id: s[5], folder: folder, rest: s[6...], context: context)
        }
    }

    /// Decodes an item id that must belong to this mailbox.
    func resolveItem(_ id: String, kind: GraphIDs.Kind, target: MailboxTarget) -> Result<UInt32, GraphError> {
        guard let parsed = GraphIDs.parseItemID(id) else { return .failure(.idMalformed) }
        guard parsed.kind == kind, parsed.owner == target.ownerId else { return .failure(.itemNotFound) }
        return .success(parsed.seq)
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
    ) -> SimResponse {
        let query: GraphQuery
        switch GraphQuery.parse(context.request) {
        case .failure(let error): return context.fail(error)
        case .success(let parsed): query = parsed
        }
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

    mutating func createFolder(_ target: MailboxTarget, parent: UInt32, context: GraphContext) -> SimResponse {
        guard let body = try? JSONValue(decoding: Data(context.request.body)), let object = body.objectValue else {
            return context.fail(.requestBodyRead("Invalid JSON. A token was not recognized in the JSON content."))
        }
        for name in object.keys.sorted()
        where !["displayName", "parentFolderId"].contains(name) && !name.hasPrefix("@odata.") {
            return context.fail(
                .requestBodyRead(
                    "The property '\(name)' does not exist on type 'Microsoft.OutlookServices.ContactFolder'. Make sure to only use property names that are defined by the type or mark the type as open type."
                )
            )
        }
        guard let name = object["displayName"]?.stringValue, !name.isEmpty else {
            return context.fail(
                GraphError(
                    status: 400,
                    code: "ErrorInvalidParameter",
                    message: "The value of the parameter 'DisplayName' is empty."
                )
            )
        }
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        if mailbox.folders.contains(where: { $0.parent == parent && $0.displayName.lowercased() == name.lowercased() })
        {
            return context.fail(
                GraphError(
                    status: 409,
                    code: "ErrorFolderExists",
                    message: "A folder with the specified name already exists."
                )
            )
        }
        let folder = ContactFolder(seq: mailbox.nextFolderSeq, parent: parent, displayName: name)
        mailbox.nextFolderSeq += 1
        mailbox.folders.append(folder)
        var json = folderJSON(folder, owner: target.ownerId)
        json["@odata.context"] = .string("\(context.base)/v1.0/$metadata#users('\(target.key)')/contactFolders/$entity")
        return context.ok(201, .object(json))
    }

    mutating func serveFolder(_ target: MailboxTarget, folder: UInt32, context: GraphContext) -> SimResponse {
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        let rootJSON = ContactFolder(seq: Mailbox.defaultFolder, parent: Mailbox.rootFolder, displayName: "Contacts")
        guard let index = mailbox.folderIndex(folder) else { return context.fail(.itemNotFound) }
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
                return context.fail(.requestBodyRead("Invalid JSON. A token was not recognized in the JSON content."))
            }
            mailbox.folders[index].displayName = name
            return context.ok(200, .object(folderJSON(mailbox.folders[index], owner: target.ownerId)))
        case "DELETE":
            guard folder != Mailbox.defaultFolder else {
                return context.fail(
                    GraphError(
                        status: 400,
                        code: "ErrorDeleteDistinguishedFolder",
                        message: "Distinguished folders cannot be deleted."
                    )
                )
            }
            var doomed: Set<UInt32> = [folder]
            var changed = true
            while changed {
                changed = false
                for item in mailbox.folders where doomed.contains(item.parent) && !doomed.contains(item.seq) {
                    doomed.insert(item.seq)
                    changed = true
                }
            }
            mailbox.folders.removeAll { doomed.contains($0.seq) }
            var index = mailbox.contacts.count - 1
            while index >= 0 {
                if doomed.contains(mailbox.contacts[index].folder) { mailbox.remove(at: index) }
                index -= 1
            }
            return context.ok(204, .null).withoutBody()
        default:
            return context.fail(.methodNotAllowed())
        }
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
