import Foundation
import HTTPTypes
import M365Primitives

extension SimulatorWorld {
    /// Parses `$expand=singleValueExtendedProperties($filter=…)` into a predicate on property ids.
    func extendedExpansion(_ expand: String?) throws(GraphError) -> ((String) -> Bool)? {
        guard let expand else { return nil }
        let prefix = "singlevalueextendedproperties"
        guard expand.lowercased().hasPrefix(prefix) else {
            throw .badRequest(
                "Parsing OData Select and Expand failed: Could not find a property named '\(expand)' on type 'Microsoft.OutlookServices.Contact'.",
                code: "BadRequest"
            )
        }
        var rest = expand.dropFirst(prefix.count).trimmingCharacters(in: .whitespacesAndNewlines)
        if rest.isEmpty { return { _ in true } }
        guard rest.hasPrefix("("), rest.hasSuffix(")") else {
            throw .badRequest("Invalid $expand.", code: "BadRequest")
        }
        rest = String(rest.dropFirst().dropLast())
        guard rest.lowercased().hasPrefix("$filter=") else { throw .badRequest("Invalid $expand.", code: "BadRequest") }
        guard let filter = try? FilterExpression.parse(String(rest.dropFirst("$filter=".count))) else {
            throw .badRequest("Invalid filter in $expand.", code: "BadRequest")
        }
        return { id in
            filter.evaluate { path in
                path.lowercased() == "id" ? .scalar(.string(ExtendedPropertyTable.key(id))) : .unknown
            }
        }
    }

    /// A contact as returned by a read, with expanded extended properties when asked.
    func renderContact(
        _ contact: MailboxContact,
        owner: String,
        select: [String]?,
        expand: ((String) -> Bool)?
    ) -> [String: JSONValue] {
        let full = contact.graphJSON(owner: owner)
        var object: [String: JSONValue]
        if let select {
            object = ["@odata.etag": full["@odata.etag"] ?? .null, "id": full["id"] ?? .null]
            for name in select where name != "id" { object[name] = full[name] ?? .null }
        } else {
            object = full
        }
        if let expand {
            let matches = contact.extended.filter { expand(extendedNames.name($0.property)) }
            if !matches.isEmpty {
                object["singleValueExtendedProperties"] = .array(
                    matches.map { ["id": .string(extendedNames.name($0.property)), "value": .string($0.value)] }
                )
            }
        }
        return object
    }

    mutating func listContacts(
        _ target: MailboxTarget,
        folder: UInt32,
        path: String,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let query = try GraphQuery.parse(context.request)
        if let top = query.top, !(1...1_000).contains(top) {
            throw GraphError(
                status: 400,
                code: "ErrorInvalidArgument",
                message: "The value of $top must be between 1 and 1000."
            )
        }
        let expand = try extendedExpansion(query.expand)
        let mailbox = tenants[target.tenant].mailboxes[target.ownerId]!
        let owner = target.ownerId
        let names = extendedNames
        let probe = MailboxContact(seq: 0, folder: 0, changeSeq: 0, created: 0)
        for path in query.filter?.paths ?? [] {
            if case .unknown = probe.filterOperand(path, names: names, owner: owner) {
                throw .badRequest(
                    "Could not find a property named '\(path)' on type 'Microsoft.OutlookServices.Contact'.",
                    code: "BadRequest"
                )
            }
        }
        return page(
            mailbox.contacts,
            seq: { Int($0.seq) },
            include: { contact in
                contact.folder == folder
                    && (query.filter?.evaluate { contact.filterOperand($0, names: names, owner: owner) } ?? true)
            },
            render: { renderContact($0, owner: owner, select: query.select, expand: expand) },
            query: query,
            path: path,
            contextName: "users('\(target.key)')/contacts",
            defaultTop: 10,
            maxTop: 1_000,
            context: context
        )
    }

    mutating func createContact(
        _ target: MailboxTarget,
        folder: UInt32,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let body = try ContactBody.parse(context.request.body)
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        var contact = mailbox.newContact(folder: folder, created: Int64(context.now))
        contact.apply(body, names: &extendedNames)
        mailbox.insert(contact)
        var json = contact.graphJSON(owner: target.ownerId)
        json["@odata.context"] = contactEntity(target, context: context)
        return context.ok(201, .object(json))
    }

    mutating func serveContact(
        _ target: MailboxTarget,
        id: String,
        folder: UInt32?,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        let index = try mailbox.contactIndex(id, folder: folder)
        switch context.request.method {
        case "GET":
            return try getContact(mailbox.contacts[index], target: target, context: context)
        case "PATCH":
            return try patchContact(in: &mailbox, at: index, target: target, context: context)
        case "DELETE":
            mailbox.remove(at: index)
            return context.ok(204, .null).withoutBody()
        default:
            throw .methodNotAllowed()
        }
    }

    private func contactEntity(_ target: MailboxTarget, context: GraphContext) -> JSONValue {
        .string("\(context.base)/v1.0/$metadata#users('\(target.key)')/contacts/$entity")
    }

    /// `GET …/contacts/{id}` with `$select` and `$expand` of extended properties.
    private func getContact(
        _ contact: MailboxContact,
        target: MailboxTarget,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let query = try GraphQuery.parse(context.request)
        let expand = try extendedExpansion(query.expand)
        var json = renderContact(contact, owner: target.ownerId, select: query.select, expand: expand)
        json["@odata.context"] = contactEntity(target, context: context)
        return context.ok(200, .object(json))
    }

    /// `PATCH …/contacts/{id}`: a valid body, and the current change key when `If-Match` names one.
    private mutating func patchContact(
        in mailbox: inout Mailbox,
        at index: Int,
        target: MailboxTarget,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let body = try ContactBody.parse(context.request.body)
        let contact = mailbox.contacts[index]
        let changeKey = GraphIDs.changeKey(owner: target.ownerId, change: contact.changeSeq, seq: contact.seq)
        if let match = context.request.header("if-match"), match != "*", match != "W/\"\(changeKey)\"" {
            throw GraphError(
                status: 412,
                code: "ErrorIrresolvableConflict",
                message:
                    "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item."
            )
        }
        mailbox.contacts[index].apply(body, names: &extendedNames)
        mailbox.contacts[index].modified = Int64(context.now)
        mailbox.contacts[index].changeSeq = mailbox.nextChange()
        var json = mailbox.contacts[index].graphJSON(owner: target.ownerId)
        json["@odata.context"] = contactEntity(target, context: context)
        return context.ok(200, .object(json))
    }
}
