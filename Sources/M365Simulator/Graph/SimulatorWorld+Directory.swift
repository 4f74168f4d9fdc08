import HTTPTypes
import M365Primitives

extension SimulatorWorld {
    private static let probeUser = DirectoryUser(id: "", userPrincipalName: "", displayName: "")
    private static let probeContact = OrgContact(id: "", displayName: "")

    mutating func listUsers(tenant: Int, context: GraphContext) throws(GraphError) -> SimResponse {
        let query = try GraphQuery.parse(context.request)
        try validateDirectoryQuery(
            query,
            known: DirectoryUser.knownProperties,
            typeName: "user",
            resolve: Self.probeUser.filterOperand
        )
        let t = tenants[tenant]
        let expandManager = query.expand?.lowercased().hasPrefix("manager") == true
        let contextName = query.select.map { "users(\($0.joined(separator: ",")))" } ?? "users"
        return page(
            t.users,
            seq: \.seq,
            include: { user in user.lifecycle == .active && (query.filter?.evaluate(user.filterOperand) ?? true) },
            render: { user in renderUser(user, tenant: t, select: query.select, expandManager: expandManager) },
            query: query,
            path: "users",
            contextName: contextName,
            context: context
        )
    }

    mutating func getUser(tenant: Int, key: String, context: GraphContext) throws(GraphError) -> SimResponse {
        let query = try GraphQuery.parse(context.request)
        let t = tenants[tenant]
        guard let user = t.activeUser(key) else { throw .directoryNotFound(key) }
        var body = renderUser(
            user,
            tenant: t,
            select: query.select,
            expandManager: query.expand?.lowercased().hasPrefix("manager") == true
        )
        body["@odata.context"] = .string("\(context.base)/v1.0/$metadata#users/$entity")
        return context.ok(200, .object(body))
    }

    func renderUser(
        _ user: DirectoryUser,
        tenant: TenantState,
        select: [String]?,
        expandManager: Bool
    ) -> [String: JSONValue] {
        var object = Self.select(
            select?.filter { $0 != "manager" },
            defaults: DirectoryUser.defaultProperties,
            value: user.graphValue
        )
        if expandManager, let managerId = user.managerId, let manager = tenant.activeUser(managerId) {
            object["manager"] = [
                "@odata.type": "#microsoft.graph.user", "id": .string(manager.id),
                "displayName": .string(manager.displayName), "mail": .optional(manager.mail),
                "userPrincipalName": .string(manager.userPrincipalName),
            ]
        }
        return object
    }

    mutating func listOrgContacts(tenant: Int, context: GraphContext) throws(GraphError) -> SimResponse {
        let query = try GraphQuery.parse(context.request)
        try validateDirectoryQuery(
            query,
            known: OrgContact.knownProperties,
            typeName: "orgContact",
            resolve: Self.probeContact.filterOperand
        )
        let t = tenants[tenant]
        return page(
            t.orgContacts,
            seq: \.seq,
            include: { contact in !contact.deleted && (query.filter?.evaluate(contact.filterOperand) ?? true) },
            render: { contact in renderOrgContact(contact, tenant: t, select: query.select, expand: query.expand) },
            query: query,
            path: "contacts",
            contextName: "contacts",
            context: context
        )
    }

    /// An org contact, with its manager (a user or an org contact) under `$expand=manager`.
    func renderOrgContact(
        _ contact: OrgContact,
        tenant: TenantState,
        select: [String]?,
        expand: String?
    )
        -> [String: JSONValue]
    {
        var object = Self.select(
            select?.filter { $0 != "manager" },
            defaults: OrgContact.defaultProperties,
            value: contact.graphValue
        )
        guard expand?.lowercased().hasPrefix("manager") == true, let managerId = contact.managerId else {
            return object
        }
        if let manager = tenant.activeUser(managerId) {
            object["manager"] = [
                "@odata.type": "#microsoft.graph.user", "id": .string(manager.id),
                "displayName": .string(manager.displayName),
            ]
        } else if let manager = tenant.activeOrgContact(managerId) {
            object["manager"] = [
                "@odata.type": "#microsoft.graph.orgContact", "id": .string(manager.id),
                "displayName": .string(manager.displayName),
            ]
        }
        return object
    }

    mutating func getOrgContact(tenant: Int, key: String, context: GraphContext) throws(GraphError) -> SimResponse {
        let t = tenants[tenant]
        guard let contact = t.activeOrgContact(key) else { throw .directoryNotFound(key) }
        let query = (try? GraphQuery.parse(context.request)) ?? GraphQuery()
        var body = Self.select(query.select, defaults: OrgContact.defaultProperties, value: contact.graphValue)
        body["@odata.context"] = .string("\(context.base)/v1.0/$metadata#contacts/$entity")
        return context.ok(200, .object(body))
    }

    /// `/groups/{id}/transitiveMembers[/microsoft.graph.user]` (and `/members`).
    mutating func listGroupMembers(_ s: [String], tenant: Int, context: GraphContext) throws(GraphError) -> SimResponse
    {
        guard s.count >= 3, ["transitivemembers", "members"].contains(s[2].lowercased()) else {
            throw .notFoundRoute(s.last ?? "")
        }
        guard context.request.method == "GET" else { throw .methodNotAllowed() }
        let t = tenants[tenant]
        guard let group = t.group(s[1]) else { throw .directoryNotFound(s[1]) }
        let usersOnly = s.count == 4 && s[3].lowercased() == "microsoft.graph.user"
        if s.count == 4, !usersOnly { throw .notFoundRoute(s[3]) }
        let query = try GraphQuery.parse(context.request)
        try Self.checkDirectoryTop(query)
        let memberIds = Self.memberIds(of: group, transitive: s[2].lowercased() == "transitivemembers", in: t)
        let members = Self.members(memberIds, usersOnly: usersOnly, in: t)
        let path = "groups/\(group.id)/\(s[2])" + (usersOnly ? "/microsoft.graph.user" : "")
        return page(
            members,
            seq: \.seq,
            include: { entry in
                guard let filter = query.filter else { return true }
                if case .user(let user) = entry.member { return filter.evaluate(user.filterOperand) }
                return false
            },
            render: { entry in renderMember(entry.member, tenant: t, select: query.select) },
            query: query,
            path: path,
            contextName: usersOnly ? "users" : "directoryObjects",
            context: context
        )
    }

    /// A directory listing's `$top` must be 1–999.
    static func checkDirectoryTop(_ query: GraphQuery) throws(GraphError) {
        if let top = query.top, !(1...999).contains(top) {
            throw .badRequest(
                "Invalid page size specified: '\(top)'. Must be between 1 and 999 inclusive.",
                code: "Request_UnsupportedQuery"
            )
        }
    }

    /// The group's member ids, breadth first; with `transitive`, nested groups' members too (each once).
    private static func memberIds(of group: DirectoryGroup, transitive: Bool, in t: TenantState) -> [String] {
        var memberIds: [String] = []
        var seen: Set<String> = []
        var queue = group.memberIds
        var visitedGroups: Set<String> = [group.id]
        while !queue.isEmpty {
            let id = queue.removeFirst()
            guard !seen.contains(id) else { continue }
            seen.insert(id)
            memberIds.append(id)
            if transitive, let nested = t.group(id), !visitedGroups.contains(nested.id) {
                visitedGroups.insert(nested.id)
                queue.append(contentsOf: nested.memberIds)
            }
        }
        return memberIds
    }

    /// The members that exist (active users; with `usersOnly` false, also org contacts and groups), numbered.
    private static func members(
        _ memberIds: [String],
        usersOnly: Bool,
        in t: TenantState
    ) -> [(seq: Int, member: GroupMember)] {
        var members: [(seq: Int, member: GroupMember)] = []
        for (offset, id) in memberIds.enumerated() {
            if let user = t.activeUser(id) {
                members.append((offset + 1, .user(user)))
            } else if !usersOnly, let contact = t.activeOrgContact(id) {
                members.append((offset + 1, .contact(contact)))
            } else if !usersOnly, let nested = t.group(id) {
                members.append((offset + 1, .group(nested)))
            }
        }
        return members
    }

    /// A member as a directory object with its `@odata.type`.
    private func renderMember(_ member: GroupMember, tenant t: TenantState, select: [String]?) -> [String: JSONValue] {
        switch member {
        case .user(let user):
            return renderUser(user, tenant: t, select: select, expandManager: false)
                .merging(["@odata.type": "#microsoft.graph.user"]) { rendered, _ in rendered }
        case .contact(let contact):
            return Self.select(select, defaults: OrgContact.defaultProperties, value: contact.graphValue)
                .merging(["@odata.type": "#microsoft.graph.orgContact"]) { rendered, _ in rendered }
        case .group(let nested):
            return [
                "@odata.type": "#microsoft.graph.group", "id": .string(nested.id),
                "displayName": .string(nested.displayName), "mailNickname": .string(nested.mailNickname),
            ]
        }
    }
}

/// A member of a group: a user, an org contact or a nested group.
private enum GroupMember {
    case user(DirectoryUser), contact(OrgContact), group(DirectoryGroup)
}
