import Foundation
import HTTPTypes
import M365Primitives

extension SimulatorWorld {
    /// Parses `$expand=singleValueExtendedProperties($filter=…)` into a predicate on property ids.
    func extendedExpansion(_ expand: String?) -> Result<((String) -> Bool)?, GraphError> {
        guard let expand else { return .success(nil) }
        let prefix = "singlevalueextendedproperties"
        guard expand.lowercased().hasPrefix(prefix) else {
            return .failure(
                .badRequest(
                    "Parsing OData Select and Expand failed: Could not find a property named '\(expand)' on type 'Microsoft.OutlookServices.Contact'.",
                    code: "BadRequest"
                )
            )
        }
        var rest = expand.dropFirst(prefix.count).trimmed()
        if rest.isEmpty { return .success({ _ in true }) }
        guard rest.hasPrefix("("), rest.hasSuffix(")") else {
            return .failure(.badRequest("Invalid $expand.", code: "BadRequest"))
        }
        rest = String(rest.dropFirst().dropLast())
        guard rest.lowercased().hasPrefix("$filter=") else {
            return .failure(.badRequest("Invalid $expand.", code: "BadRequest"))
        }
        guard let filter = try? FilterExpression.parse(String(rest.dropFirst("$filter=".count))) else {
            return .failure(.badRequest("Invalid filter in $expand.", code: "BadRequest"))
        }
        return .success({ id in
            filter.evaluate { path in
                path.lowercased() == "id" ? .scalar(.string(ExtendedPropertyTable.key(id))) : .unknown
            }
        })
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
    ) -> SimResponse {
        let query: GraphQuery
        switch GraphQuery.parse(context.request) {
        case .failure(let error): return context.fail(error)
        case .success(let parsed): query = parsed
        }
        if let top = query.top, !(1...1_000).contains(top) {
            return context.fail(
                GraphError(
                    status: 400,
                    code: "ErrorInvalidArgument",
                    message: "The value of $top must be between 1 and 1000."
                )
            )
        }
        let expand: ((String) -> Bool)?
        switch extendedExpansion(query.expand) {
        case .failure(let error): return context.fail(error)
        case .success(let value): expand = value
        }
        let mailbox = tenants[target.tenant].mailboxes[target.ownerId]!
        let owner = target.ownerId
        let names = extendedNames
        if let filter = query.filter {
            for path in filter.paths {
                let probe = MailboxContact(seq: 0, folder: 0, changeSeq: 0, created: 0)
                if case .unknown = probe.filterOperand(path, names: names, owner: owner) {
                    return context.fail(
                        .badRequest(
                            "Could not find a property named '\(path)' on type 'Microsoft.OutlookServices.Contact'.",
                            code: "BadRequest"
                        )
                    )
                }
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

    mutating func createContact(_ target: MailboxTarget, folder: UInt32, context: GraphContext) -> SimResponse {
        guard let body = try? JSONValue(decoding: Data(context.request.body)) else {
            return context.fail(.requestBodyRead("Invalid JSON. A token was not recognized in the JSON content."))
        }
        if let error = ContactBody.validate(body) { return context.fail(error) }
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        let now = Int64(context.now)
        var contact = MailboxContact(
            seq: mailbox.nextSeq,
            folder: folder,
            changeSeq: mailbox.nextChange(),
            created: now
        )
        mailbox.nextSeq += 1
        contact.apply(body.objectValue!, names: &extendedNames)
        mailbox.insert(contact)
        var json = contact.graphJSON(owner: target.ownerId)
        json["@odata.context"] = .string("\(context.base)/v1.0/$metadata#users('\(target.key)')/contacts/$entity")
        return context.ok(201, .object(json))
    }

    mutating func serveContact(
        _ target: MailboxTarget,
        id: String,
        folder: UInt32?,
        context: GraphContext
    ) -> SimResponse {
        let seq: UInt32
        switch resolveItem(id, kind: .contact, target: target) {
        case .failure(let error): return context.fail(error)
        case .success(let value): seq = value
        }
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        guard let index = mailbox.contactIndex(seq), folder == nil || mailbox.contacts[index].folder == folder else {
            return context.fail(.itemNotFound)
        }
        switch context.request.method {
        case "GET":
            return getContact(mailbox.contacts[index], target: target, context: context)
        case "PATCH":
            return patchContact(in: &mailbox, at: index, target: target, context: context)
        case "DELETE":
            mailbox.remove(at: index)
            return context.ok(204, .null).withoutBody()
        default:
            return context.fail(.methodNotAllowed())
        }
    }

    private func contactEntity(_ target: MailboxTarget, context: GraphContext) -> JSONValue {
        .string("\(context.base)/v1.0/$metadata#users('\(target.key)')/contacts/$entity")
    }

    /// `GET …/contacts/{id}` with `$select` and `$expand` of extended properties.
    private func getContact(_ contact: MailboxContact, target: MailboxTarget, context: GraphContext) -> SimResponse {
        let query: GraphQuery
        switch GraphQuery.parse(context.request) {
        case .failure(let error): return context.fail(error)
        case .success(let parsed): query = parsed
        }
        let expand: ((String) -> Bool)?
        switch extendedExpansion(query.expand) {
        case .failure(let error): return context.fail(error)
        case .success(let value): expand = value
        }
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
    ) -> SimResponse {
        guard let body = try? JSONValue(decoding: Data(context.request.body)) else {
            return context.fail(.requestBodyRead("Invalid JSON. A token was not recognized in the JSON content."))
        }
        if let error = ContactBody.validate(body) { return context.fail(error) }
        guard let members = body.objectValue else { return context.fail(.badRequest("The body must be an object.")) }
        let contact = mailbox.contacts[index]
        let changeKey = GraphIDs.changeKey(owner: target.ownerId, change: contact.changeSeq, seq: contact.seq)
        if let match = context.request.header("if-match"), match != "*", match != "W/\"\(changeKey)\"" {
            return context.fail(
                GraphError(
                    status: 412,
                    code: "ErrorIrresolvableConflict",
                    message:
                        "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item."
                )
            )
        }
        mailbox.contacts[index].apply(members, names: &extendedNames)
        mailbox.contacts[index].modified = Int64(context.now)
        mailbox.contacts[index].changeSeq = mailbox.nextChange()
        var json = mailbox.contacts[index].graphJSON(owner: target.ownerId)
        json["@odata.context"] = contactEntity(target, context: context)
        return context.ok(200, .object(json))
    }
}
