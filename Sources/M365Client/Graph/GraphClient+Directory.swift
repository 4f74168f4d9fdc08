import HTTPTypes
import M365Core
import M365Curl
import M365Primitives

extension GraphClient {
    /// All users with the `select`ed properties (raw Graph objects), and the `expand`ed relations if any.
    public func listUsers(select: [String], expand: String? = nil) async throws -> [[String: JSONValue]] {
        var query = [("$select", Self.selectList(select)), ("$top", "\(options.directoryPageSize)")]
        if let expand { query.append(("$expand", expand)) }
        let url = URLBuilder.url(root, "/users", query: query)
        return try await collectPages(from: url, kind: "graph.users")
    }

    /// The ids of the users an OData `filter` selects.
    ///
    /// Sent as an advanced query (`ConsistencyLevel: eventual`, `$count=true`, re-sent on every page) so that
    /// every documented filter works (`ne`, `endsWith`, `not`, …). Advanced queries cannot `$expand`, which is
    /// why this lists ids only: callers intersect them with a full listing.
    public func listUserIds(filter: String) async throws -> Set<String> {
        let query = [
            ("$select", "id"), ("$top", "\(options.directoryPageSize)"), ("$filter", filter), ("$count", "true"),
        ]
        let url = URLBuilder.url(root, "/users", query: query)
        let items = try await collectPages(from: url, kind: "graph.users", headers: [.consistencyLevel: "eventual"])
        return Set(items.compactMap { $0["id"]?.stringValue })
    }

    /// One user by id or UPN with the `select`ed properties.
    public func getUser(_ idOrUPN: String, select: [String]) async throws -> [String: JSONValue] {
        let url = URLBuilder.url(root, mailboxPath(idOrUPN), query: [("$select", Self.selectList(select))])
        return try await sendForObject(graphRequest(.get, url, kind: "graph.user"))
    }

    /// All organizational contacts with the `select`ed properties, and the `expand`ed relations if any.
    public func listOrgContacts(select: [String], expand: String? = nil) async throws -> [[String: JSONValue]] {
        var query = [("$select", Self.selectList(select)), ("$top", "\(options.directoryPageSize)")]
        if let expand { query.append(("$expand", expand)) }
        let url = URLBuilder.url(root, "/contacts", query: query)
        return try await collectPages(from: url, kind: "graph.orgContacts")
    }

    /// Ids of the users among a group's transitive members (nested groups expanded by the service).
    public func transitiveMemberUserIds(groupId: String) async throws -> [String] {
        let query = [("$select", "id"), ("$top", "\(options.directoryPageSize)"), ("$count", "true")]
        let path = "/groups/\(URLBuilder.segment(groupId))/transitiveMembers/microsoft.graph.user"
        let url = URLBuilder.url(root, path, query: query)
        let items = try await collectPages(
            from: url,
            kind: "graph.groupMembers",
            headers: [.consistencyLevel: "eventual"]
        )
        var seen = Set<String>()
        return items.compactMap { $0["id"]?.stringValue }.filter { seen.insert($0).inserted }
    }

    /// `$select` value: the names joined, `id` always included.
    static func selectList(_ properties: [String]) -> String {
        var names = ["id"]
        for name in properties where !names.contains(name) { names.append(name) }
        return names.joined(separator: ",")
    }
}
