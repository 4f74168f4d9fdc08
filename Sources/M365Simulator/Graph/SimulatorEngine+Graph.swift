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
        var all = headers
        all[.requestId] = requestId
        all[.clientRequestId] = request.header("client-request-id") ?? requestId
        all[.odataVersion] = "4.0"
        all[.cacheControl] = "no-cache"
        all[.msResourceUnit] = "1"
        return SimResponse.json(status, body, headers: all)
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
            let s = Array(request.segments.dropFirst())
            return world.serveGraph(s, route: route, tenant: tenantIndex, context: context)
        }
    }
}

extension SimulatorWorld {
    mutating func serveGraph(_ s: [String], route: RouteInfo, tenant: Int, context: GraphContext) -> SimResponse {
        let method = context.request.method
        switch route.endpoint {
        case "graph.users":
            guard context.hasRole("User.Read.All", "User.ReadWrite.All", "Directory.Read.All") else {
                return context.fail(.directoryDenied)
            }
            guard method == "GET" else { return context.fail(.methodNotAllowed()) }
            if s.count == 1 { return listUsers(tenant: tenant, context: context) }
            return getUser(tenant: tenant, key: s[1], context: context)
        case "graph.users.photo":
            return serveUserPhoto(s, tenant: tenant, context: context)
        case "graph.users.delta":
            guard context.hasRole("User.Read.All", "User.ReadWrite.All", "Directory.Read.All") else {
                return context.fail(.directoryDenied)
            }
            return directoryDelta(kind: .users, tenant: tenant, context: context)
        case "graph.orgcontacts":
            guard context.hasRole("OrgContact.Read.All", "Directory.Read.All") else {
                return context.fail(.directoryDenied)
            }
            guard method == "GET" else { return context.fail(.methodNotAllowed()) }
            if s.count == 1 { return listOrgContacts(tenant: tenant, context: context) }
            return getOrgContact(tenant: tenant, key: s[1], context: context)
        case "graph.orgcontacts.delta":
            guard context.hasRole("OrgContact.Read.All", "Directory.Read.All") else {
                return context.fail(.directoryDenied)
            }
            return directoryDelta(kind: .orgContacts, tenant: tenant, context: context)
        case "graph.groups.members":
            guard context.hasRole("GroupMember.Read.All", "Group.Read.All", "Directory.Read.All") else {
                return context.fail(.directoryDenied)
            }
            return listGroupMembers(s, tenant: tenant, context: context)
        case let name where name.hasPrefix("graph.mailbox"):
            return serveMailbox(s, route: route, tenant: tenant, context: context)
        default:
            return context.fail(.notFoundRoute(s.last ?? ""))
        }
    }

    /// Pages through `items` in `seq` order with keyset `$skiptoken`s.
    func page<T>(
        _ items: [T],
        seq: (T) -> Int,
        include: (T) -> Bool,
        render: (T) -> [String: JSONValue],
        query: GraphQuery,
        path: String,
        contextName: String,
        defaultTop: Int,
        maxTop: Int,
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
            var token = PageToken()
            token["q"] = .string(GraphQuery.carriedQuery(context.request))
            token["a"] = .number(Double(last))
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
        resolve: (String) -> FilterOperand,
        context: GraphContext
    ) -> GraphError? {
        if let select = query.select {
            for property in select
            where !known.contains(property) && !known.contains(where: { $0.lowercased() == property.lowercased() }) {
                return .badRequest(
                    "Could not find a property named '\(property)' on type 'microsoft.graph.\(typeName)'.",
                    code: "Request_BadRequest"
                )
            }
        }
        if let top = query.top, !(1...999).contains(top) {
            return .badRequest(
                "Invalid page size specified: '\(top)'. Must be between 1 and 999 inclusive.",
                code: "Request_UnsupportedQuery"
            )
        }
        let advancedReady = query.eventual && query.count
        if query.count, !query.eventual {
            return .badRequest("$count is not currently supported.", code: "Request_BadRequest")
        }
        // Advanced queries do not support $expand (Microsoft's advanced query documentation).
        if advancedReady, query.expand != nil {
            return .badRequest(
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
                    return .badRequest(
                        "Property '\(root)' does not exist as a declared property or extension property.",
                        code: "Request_UnsupportedQuery"
                    )
                }
            }
            if filter.isAdvanced, !advancedReady {
                return .badRequest(
                    "Unsupported or invalid query filter clause specified for property '\(filter.paths.first ?? "")' of resource '\(typeName.prefix(1).uppercased() + typeName.dropFirst())'.",
                    code: "Request_UnsupportedQuery"
                )
            }
        }
        return nil
    }
}
