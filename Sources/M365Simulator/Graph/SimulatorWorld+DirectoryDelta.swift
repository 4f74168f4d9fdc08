import HTTPTypes
import M365Primitives

/// Which directory collection a delta query walks.
enum DirectoryKind: String, Sendable {
    case users, orgContacts

    var path: String { self == .users ? "users" : "contacts" }
}

extension [JSONValue] {
    /// The page with its first entry repeated at its end (a duplicate within the page), when `replays` is on.
    func withReplays(_ replays: Bool) -> [JSONValue] {
        guard replays, let first else { return self }
        return self + [first]
    }
}

/// One page of a delta round: the objects, the last sequence shown and whether more follow.
struct DeltaPage {
    var values: [JSONValue] = []
    var last: Int
    var more = false

    /// Adds the value for sequence `position`; when the page is already full, marks that more follow instead.
    mutating func add(at position: Int, pageSize: Int, _ value: () -> JSONValue) -> Bool {
        guard values.count < pageSize else {
            more = true
            return false
        }
        values.append(value())
        last = position
        return true
    }
}

extension SimulatorWorld {
    /// Directory delta tokens expire after this many seconds (7 days).
    static let directoryDeltaLifetime: Double = 7 * 86_400

    /// `GET /users/delta` and `/contacts/delta`: rounds of nextLinks ending in a deltaLink.
    mutating func directoryDelta(
        kind: DirectoryKind,
        tenant: Int,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        guard context.request.method == "GET" else { throw .methodNotAllowed() }
        let t = tenants[tenant]
        let token = try deltaToken(kind: kind, tenant: t, context: context)
        let select = token.string("s").map { $0.split(separator: ",").map(String.init) }
        let since = token.int("since") ?? 0
        let upTo = token.int("u") ?? t.changeCounter
        var page = DeltaPage(last: token.int("a") ?? 0)
        if token["l"] == nil {
            let window = DeltaWindow(
                after: page.last,
                since: since,
                upTo: upTo,
                pageSize: min(context.request.maxPageSizePreference ?? 100, 999)
            )
            page = Self.deltaPage(kind: kind, tenant: t, select: select, window: window)
        }
        var body: [String: JSONValue] = [:]
        let contextName = select.map { "\(kind.path)(\($0.joined(separator: ",")))" } ?? kind.path
        body["@odata.context"] = .string("\(context.base)/v1.0/$metadata#\(contextName)")
        if page.more {
            var next = token
            next["since"] = .number(Double(since))
            next["u"] = .number(Double(upTo))
            next["a"] = .number(Double(page.last))
            body["@odata.nextLink"] = .string("\(context.base)/v1.0/\(kind.path)/delta?$skiptoken=\(next.encoded)")
        } else {
            let since = t.deltaReplays ? max(1, upTo - Self.replayedChanges) : upTo
            var delta = newDeltaToken(kind: kind, tenant: t, select: token.string("s"), since: since, now: context.now)
            delta["time"] = .number(Double(Int(context.now)))
            body["@odata.deltaLink"] = .string("\(context.base)/v1.0/\(kind.path)/delta?$deltatoken=\(delta.encoded)")
        }
        body["value"] = .array(page.values.withReplays(t.deltaReplays))
        return context.ok(200, .object(body))
    }

    /// How many changes before its end a round replays, with replays on.
    static let replayedChanges = 3

    /// The token a delta request continues from: `latest`, a stored skip or delta token, or a fresh first round.
    private func deltaToken(
        kind: DirectoryKind,
        tenant t: TenantState,
        context: GraphContext
    ) throws(GraphError) -> PageToken {
        let request = context.request
        guard let raw = request.queryValue("$skiptoken") ?? request.queryValue("$deltatoken") else {
            try Self.checkFirstDeltaQuery(request)
            return newDeltaToken(
                kind: kind,
                tenant: t,
                select: request.queryValue("$select"),
                since: 0,
                now: context.now
            )
        }
        if raw == "latest", request.queryValue("$deltatoken") != nil {
            var fresh = newDeltaToken(
                kind: kind,
                tenant: t,
                select: request.queryValue("$select"),
                since: t.changeCounter,
                now: context.now
            )
            fresh["l"] = true
            return fresh
        }
        var token = try Self.storedDeltaToken(raw, kind: kind, tenant: t, context: context)
        if request.queryValue("$deltatoken") != nil {
            // A new round starts from the stored baseline.
            token["u"] = .number(Double(t.changeCounter))
            token["a"] = 0
        }
        return token
    }

    /// A skip or delta token the client sent back: refused when malformed, from another epoch or too old.
    private static func storedDeltaToken(
        _ raw: String,
        kind: DirectoryKind,
        tenant t: TenantState,
        context: GraphContext
    ) throws(GraphError) -> PageToken {
        guard let decoded = PageToken.decode(raw), decoded.string("k") == kind.rawValue,
            decoded.string("t") == t.tenantId
        else {
            throw .badRequest("The specified delta token value is invalid.", code: "Request_BadRequest")
        }
        let age = context.now - Double(decoded.int("time") ?? 0)
        if decoded.int("e") != t.deltaEpoch || age > directoryDeltaLifetime {
            var error = GraphError(
                status: 410,
                code: "Request_ResourceGone",
                message:
                    "Resync required: the delta token has expired. Replace local state with a full synchronization starting from the delta request without a token."
            )
            error.headers = [
                .location: "\(context.base)/v1.0/\(kind.path)/delta"
                    + (decoded.string("s").map { "?$select=\($0)" } ?? "")
            ]
            throw error
        }
        return decoded
    }

    /// The query options a first delta request may not carry.
    private static func checkFirstDeltaQuery(_ request: SimRequest) throws(GraphError) {
        for (name, value) in request.query {
            let lowered = name.lowercased()
            if lowered == "$filter", !value.lowercased().hasPrefix("id eq") {
                throw .badRequest(
                    "Unsupported or invalid query filter clause specified for property of resource.",
                    code: "Request_UnsupportedQuery"
                )
            }
            if ["$top", "$expand", "$orderby", "$search", "$count"].contains(lowered) {
                throw .badRequest(
                    "Query option '\(name)' is not supported with delta queries.",
                    code: "Request_UnsupportedQuery"
                )
            }
        }
    }

    /// The objects of one delta page, in sequence order.
    private static func deltaPage(
        kind: DirectoryKind,
        tenant t: TenantState,
        select: [String]?,
        window: DeltaWindow
    ) -> DeltaPage {
        switch kind {
        case .users: return window.page(of: t.users, select: select)
        case .orgContacts: return window.page(of: t.orgContacts, select: select)
        }
    }

    private func newDeltaToken(
        kind: DirectoryKind,
        tenant: TenantState,
        select: String?,
        since: Int,
        now: Double
    ) -> PageToken {
        var token = PageToken([
            "k": .string(kind.rawValue), "t": .string(tenant.tenantId), "e": .number(Double(tenant.deltaEpoch)),
            "since": .number(Double(since)), "u": .number(Double(tenant.changeCounter)), "a": 0,
            "time": .number(Double(Int(now))),
        ])
        if let select { token["s"] = .string(select) }
        return token
    }
}

/// The changes one delta page may show: after sequence `after`, changed in `since...upTo`.
private struct DeltaWindow {
    var after: Int
    var since: Int
    var upTo: Int
    var pageSize: Int

    /// The objects in the window, up to a page; removed ones only after a first round.
    func page<Object: DirectoryObject>(of objects: [Object], select: [String]?) -> DeltaPage {
        var page = DeltaPage(last: after)
        for object in objects where object.seq > after && object.changeSeq > since && object.changeSeq <= upTo {
            if since == 0, object.removal != nil { continue }
            let added = page.add(at: object.seq, pageSize: pageSize) {
                if let removal = object.removal {
                    return ["id": .string(object.id), "@removed": ["reason": .string(removal)]]
                }
                return .object(Self.render(object, select: select))
            }
            if !added { break }
        }
        return page
    }

    /// An object as delta shows it: the selected properties, and the manager as `manager@delta` (its id only).
    private static func render<Object: DirectoryObject>(_ object: Object, select: [String]?) -> [String: JSONValue] {
        let wantsManager = select?.contains { $0.lowercased() == "manager" } ?? false
        var json = SimulatorWorld.select(
            select?.filter { $0.lowercased() != "manager" },
            defaults: Object.defaultProperties,
            value: object.graphValue
        )
        if json["id"] == nil { json["id"] = .string(object.id) }
        if wantsManager {
            json["manager@delta"] = .array(
                object.managerId.map { [["@odata.type": "#microsoft.graph.user", "id": .string($0)]] } ?? []
            )
        }
        return json
    }
}
