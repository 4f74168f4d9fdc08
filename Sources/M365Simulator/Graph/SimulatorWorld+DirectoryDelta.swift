/// Which directory collection a delta query walks.
enum DirectoryKind: String, Sendable {
    case users, orgContacts

    var path: String { self == .users ? "users" : "contacts" }
}

extension SimulatorWorld {
    /// Directory delta tokens expire after this many seconds (7 days).
    static let directoryDeltaLifetime: Double = 7 * 86_400

    /// `GET /users/delta` and `/contacts/delta`: rounds of nextLinks ending in a deltaLink.
    mutating func directoryDelta(kind: DirectoryKind, tenant: Int, context: GraphContext) -> SimResponse {
        let request = context.request
        guard request.method == "GET" else { return context.fail(.methodNotAllowed()) }
        let t = tenants[tenant]
        var token: PageToken
        if let raw = request.queryValue("$skiptoken") ?? request.queryValue("$deltatoken") {
            if raw == "latest", request.queryValue("$deltatoken") != nil {
                var fresh = newDeltaToken(
                    kind: kind,
                    tenant: t,
                    select: request.queryValue("$select"),
                    since: t.changeCounter,
                    now: context.now
                )
                fresh["l"] = true
                token = fresh
            } else {
                guard let decoded = PageToken.decode(raw), decoded.string("k") == kind.rawValue,
                    decoded.string("t") == t.tenantId
                else {
                    return context.fail(
                        .badRequest("The specified delta token value is invalid.", code: "Request_BadRequest")
                    )
                }
                token = decoded
                let age = context.now - Double(decoded.int("time") ?? 0)
                if decoded.int("e") != t.deltaEpoch || age > Self.directoryDeltaLifetime {
                    var error = GraphError(
                        status: 410,
                        code: "Request_ResourceGone",
                        message:
                            "Resync required: the delta token has expired. Replace local state with a full synchronization starting from the delta request without a token."
                    )
                    error.headers = [
                        (
                            "Location",
                            "\(context.base)/v1.0/\(kind.path)/delta"
                                + (decoded.string("s").map { "?$select=\($0)" } ?? "")
                        )
                    ]
                    return context.fail(error)
                }
                if request.queryValue("$deltatoken") != nil {
                    // A new round starts from the stored baseline.
                    token["u"] = .int(t.changeCounter)
                    token["a"] = 0
                }
            }
        } else {
            for (name, value) in request.query {
                let lowered = name.lowercased()
                if lowered == "$filter", !value.lowercased().hasPrefix("id eq") {
                    return context.fail(
                        .badRequest(
                            "Unsupported or invalid query filter clause specified for property of resource.",
                            code: "Request_UnsupportedQuery"
                        )
                    )
                }
                if ["$top", "$expand", "$orderby", "$search", "$count"].contains(lowered) {
                    return context.fail(
                        .badRequest(
                            "Query option '\(name)' is not supported with delta queries.",
                            code: "Request_UnsupportedQuery"
                        )
                    )
                }
            }
            token = newDeltaToken(
                kind: kind,
                tenant: t,
                select: request.queryValue("$select"),
                since: 0,
                now: context.now
            )
        }
        let select = token.string("s").map { $0.split(separator: ",").map(String.init) }
        let since = token.int("since") ?? 0
        let upTo = token.int("u") ?? t.changeCounter
        let after = token.int("a") ?? 0
        let pageSize = min(request.maxPageSizePreference ?? 100, 999)
        var values: [SimJSON] = []
        var last = after
        var more = false
        if token["l"] == nil {
            func consider(seq: Int, changeSeq: Int, removed: String?, render: () -> SimJSONObject) -> Bool {
                guard seq > after, changeSeq > since, changeSeq <= upTo else { return true }
                if since == 0, removed != nil { return true }
                if values.count == pageSize {
                    more = true
                    return false
                }
                if let removed {
                    values.append([
                        "id": .string(render()["id"]?.stringValue ?? ""), "@removed": ["reason": .string(removed)],
                    ])
                } else {
                    values.append(.object(render()))
                }
                last = seq
                return true
            }
            switch kind {
            case .users:
                for user in t.users {
                    let removed: String? =
                        user.lifecycle == .active ? nil : (user.lifecycle == .softDeleted ? "changed" : "deleted")
                    let keep = consider(seq: user.seq, changeSeq: user.changeSeq, removed: removed) {
                        var object = Self.select(
                            select,
                            defaults: DirectoryUser.defaultProperties,
                            value: user.graphValue
                        )
                        if object["id"] == nil { object.append("id", .string(user.id)) }
                        return object
                    }
                    if !keep { break }
                }
            case .orgContacts:
                for contact in t.orgContacts {
                    let keep = consider(
                        seq: contact.seq,
                        changeSeq: contact.changeSeq,
                        removed: contact.deleted ? "deleted" : nil
                    ) {
                        var object = Self.select(
                            select,
                            defaults: OrgContact.defaultProperties,
                            value: contact.graphValue
                        )
                        if object["id"] == nil { object.append("id", .string(contact.id)) }
                        return object
                    }
                    if !keep { break }
                }
            }
        }
        var body = SimJSONObject()
        let contextName = select.map { "\(kind.path)(\($0.joined(separator: ",")))" } ?? kind.path
        body.append("@odata.context", .string("\(context.base)/v1.0/$metadata#\(contextName)"))
        if more {
            var next = token
            next["since"] = .int(since)
            next["u"] = .int(upTo)
            next["a"] = .int(last)
            body.append(
                "@odata.nextLink",
                .string("\(context.base)/v1.0/\(kind.path)/delta?$skiptoken=\(next.encoded)")
            )
        } else {
            var delta = newDeltaToken(kind: kind, tenant: t, select: token.string("s"), since: upTo, now: context.now)
            delta["time"] = .int(Int(context.now))
            body.append(
                "@odata.deltaLink",
                .string("\(context.base)/v1.0/\(kind.path)/delta?$deltatoken=\(delta.encoded)")
            )
        }
        body.append("value", .array(values))
        return context.ok(200, .object(body))
    }

    private func newDeltaToken(
        kind: DirectoryKind,
        tenant: TenantState,
        select: String?,
        since: Int,
        now: Double
    ) -> PageToken {
        var token = PageToken()
        token["k"] = .string(kind.rawValue)
        token["t"] = .string(tenant.tenantId)
        token["e"] = .int(tenant.deltaEpoch)
        if let select { token["s"] = .string(select) }
        token["since"] = .int(since)
        token["u"] = .int(tenant.changeCounter)
        token["a"] = 0
        token["time"] = .int(Int(now))
        return token
    }
}
