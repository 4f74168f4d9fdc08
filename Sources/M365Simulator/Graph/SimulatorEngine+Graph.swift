import HTTPTypes
import M365Primitives

/// Context of one Graph request being served.
struct GraphContext {
    var request: SimRequest
    var claims: AccessTokenClaims
    var now: Double
    var requestId: String
    var base: String

    func fail(_ error: GraphError) -> SimResponse {
        error.response(for: request, now: Int64(now), requestId: requestId)
    }

    func ok(_ status: HTTPResponse.Status, _ body: JSONValue, headers: HTTPFields = [:]) -> SimResponse {
        var all = headers + idHeaders
        all[.odataVersion] = "4.0"
        all[.cacheControl] = "no-cache"
        all[.msResourceUnit] = "1"
        return SimResponse.json(status, body, headers: all)
    }

    /// `request-id` and `client-request-id` (the client's, else the request id), as every Graph answer has.
    var idHeaders: HTTPFields {
        [.requestId: requestId, .clientRequestId: request.header("client-request-id") ?? requestId]
    }

    func hasRole(_ roles: String...) -> Bool {
        roles.contains { claims.roles.contains($0) }
    }
}

extension SimulatorEngine {
    /// Serves a Graph v1.0 request (not `$batch`).
    func handleGraph(_ request: SimRequest, route: RouteInfo, claims: AccessTokenClaims, now: Double) -> SimResponse {
        let base = state.baseURL
        return state.withWorld { world in
            let context = GraphContext(
                request: request,
                claims: claims,
                now: now,
                requestId: world.nextRequestId(),
                base: base
            )
            guard let tenantIndex = world.tenantIndex(claims.tenantId) else {
                return context.fail(.invalidToken("Access token validation failure. Invalid issuer."))
            }
            do throws(GraphError) {
                let s = Array(request.segments.dropFirst())
                return try world.serveGraph(s, route: route, tenant: tenantIndex, context: context)
            } catch {
                return context.fail(error)
            }
        }
    }
}

extension SimulatorWorld {
    /// The application roles, any one of which opens a directory endpoint.
    private static let directoryRoles: [String: [String]] = [
        "graph.users": ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"],
        "graph.users.delta": ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"],
        "graph.orgcontacts": ["OrgContact.Read.All", "Directory.Read.All"],
        "graph.orgcontacts.delta": ["OrgContact.Read.All", "Directory.Read.All"],
        "graph.groups.members": ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"],
    ]

    /// Routes a request by the endpoint it was classified as; `s` are the path segments after `v1.0`.
    mutating func serveGraph(
        _ s: [String],
        route: RouteInfo,
        tenant: Int,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        if let roles = Self.directoryRoles[route.endpoint], !roles.contains(where: { context.hasRole($0) }) {
            throw .directoryDenied
        }
        let reading = context.request.method == "GET"
        switch route.endpoint {
        case "graph.users":
            guard reading else { throw .methodNotAllowed() }
            if s.count == 1 { return try listUsers(tenant: tenant, context: context) }
            return try getUser(tenant: tenant, key: s[1], context: context)
        case "graph.users.photo": return try serveUserPhoto(s, tenant: tenant, context: context)
        case "graph.users.delta": return try directoryDelta(kind: .users, tenant: tenant, context: context)
        case "graph.orgcontacts":
            guard reading else { throw .methodNotAllowed() }
            if s.count == 1 { return try listOrgContacts(tenant: tenant, context: context) }
            return try getOrgContact(tenant: tenant, key: s[1], context: context)
        case "graph.orgcontacts.delta": return try directoryDelta(kind: .orgContacts, tenant: tenant, context: context)
        case "graph.groups.members": return try listGroupMembers(s, tenant: tenant, context: context)
        case let name where name.hasPrefix("graph.mailbox"):
            return try serveMailbox(s, route: route, tenant: tenant, context: context)
        default:
            throw .notFoundRoute(s.last ?? "")
        }
    }

    /// Pages through `items` in `seq` order with keyset `$skiptoken`s; page sizes are the directory's by default.
    func page<T>(
        _ items: [T],
        seq: (T) -> Int,
        include: (T) -> Bool,
        render: (T) -> [String: JSONValue],
        query: GraphQuery,
        path: String,
        contextName: String,
        defaultTop: Int = 100,
        maxTop: Int = 999,
        context: GraphContext,
        pageSizeOverride: Int? = nil
    ) -> SimResponse {
        let requested = query.top ?? pageSizeOverride ?? defaultTop
        let top = min(requested, maxTop)
        let after = query.skipToken?.int("a") ?? 0
        var values: [JSONValue] = []
        var last = after
        var more = false
        var total = 0
        let counting = query.count && query.skipToken == nil
        for item in items where seq(item) > after || counting {
            guard include(item) else { continue }
            if counting { total += 1 }
            guard seq(item) > after else { continue }
            if values.count == top {
                more = true
                if !counting { break }
                continue
            }
            values.append(.object(render(item)))
            last = seq(item)
        }
        var body: [String: JSONValue] = [:]
        body["@odata.context"] = .string("\(context.base)/v1.0/$metadata#\(contextName)")
        if counting { body["@odata.count"] = .number(Double(total)) }
        if more {
            let token = PageToken(["q": .string(GraphQuery.carriedQuery(context.request)), "a": .number(Double(last))])
            body["@odata.nextLink"] = .string("\(context.base)/v1.0/\(path)?$skiptoken=\(token.encoded)")
        }
        body["value"] = .array(values)
        return context.ok(200, .object(body))
    }

    /// Renders selected properties (all defaults without `$select`).
    static func select(_ select: [String]?, defaults: [String], value: (String) -> JSONValue) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for property in select ?? defaults {
            object[property] = value(property)
        }
        return object
    }

    /// Checks `$select`, `$top`, `$filter` and `$count` the way the directory does.
    func validateDirectoryQuery(
        _ query: GraphQuery,
        known: Set<String>,
        typeName: String,
        resolve: (String) -> FilterOperand
    ) throws(GraphError) {
        if let select = query.select {
            for property in select
            where !known.contains(property) && !known.contains(where: { $0.lowercased() == property.lowercased() }) {
                throw .badRequest(
                    "Could not find a property named '\(property)' on type 'microsoft.graph.\(typeName)'.",
                    code: "Request_BadRequest"
                )
            }
        }
        try Self.checkDirectoryTop(query)
        let advancedReady = query.eventual && query.count
        if query.count, !query.eventual {
            throw .badRequest("$count is not currently supported.", code: "Request_BadRequest")
        }
        // Advanced queries do not support $expand (Microsoft's advanced query documentation).
        if advancedReady, query.expand != nil {
            throw .badRequest(
                "Unsupported Query: $expand is not supported with advanced queries.",
                code: "Request_UnsupportedQuery"
            )
        }
        if let filter = query.filter {
            for path in filter.paths {
                let root = String(path.split(separator: "/").first ?? "")
                if case .unknown = resolve(
                    root.isEmpty ? path : (root.lowercased() == "onpremisesextensionattributes" ? path : root)
                ) {
                    throw .badRequest(
                        "Property '\(root)' does not exist as a declared property or extension property.",
                        code: "Request_UnsupportedQuery"
                    )
                }
            }
            if filter.isAdvanced, !advancedReady {
                throw .badRequest(
                    "Unsupported or invalid query filter clause specified for property '\(filter.paths.first ?? "")' of resource '\(typeName.prefix(1).uppercased() + typeName.dropFirst())'.",
                    code: "Request_UnsupportedQuery"
                )
            }
        }
    }
}
