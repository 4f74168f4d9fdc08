import M365Primitives

extension SimulatorEngine {
    /// `…/users`, `…/users/{id}`, `…/users/{id}/restore`.
    func routeUsers(_ route: TenantRoute) async throws -> SimResponse? {
        let (control, tenant, rest) = (route.control, route.tenant, route.rest)
        if route.is("GET", count: 1) {
            return .json(200, .array(try await control.users(tenantId: tenant).map(\.controlJSON)))
        }
        if route.is("POST", count: 1) {
            var user = DirectoryUser(id: "", userPrincipalName: "", displayName: "")
            try user.apply(control: try bodyObject(route.request))
            return .json(201, try await control.addUser(tenantId: tenant, user).controlJSON)
        }
        if route.is("GET", count: 2) {
            return .json(200, try await control.user(tenantId: tenant, rest[1]).controlJSON)
        }
        if route.is("PATCH", count: 2) {
            let body = try bodyObject(route.request)
            var probe = try await control.user(tenantId: tenant, rest[1])
            try probe.apply(control: body)
            let updated = try await control.updateUser(tenantId: tenant, rest[1]) { user in
                try? user.apply(control: body)
            }
            return .json(200, updated.controlJSON)
        }
        if route.is("DELETE", count: 2) {
            try await control.removeUser(
                tenantId: tenant,
                rest[1],
                permanently: route.request.queryValue("permanent") == "true"
            )
            return .empty(204)
        }
        if route.is("POST", count: 3, then: "restore") {
            try await control.restoreUser(tenantId: tenant, rest[1])
            return .empty(204)
        }
        return nil
    }

    /// `…/orgContacts`, `…/orgContacts/{id}`.
    func routeOrgContacts(_ route: TenantRoute) async throws -> SimResponse? {
        let (control, tenant, rest) = (route.control, route.tenant, route.rest)
        if route.is("GET", count: 1) {
            return .json(200, .array(try await control.orgContacts(tenantId: tenant).map(\.controlJSON)))
        }
        if route.is("POST", count: 1) {
            var contact = OrgContact(id: "", displayName: "")
            try contact.apply(control: try bodyObject(route.request))
            return .json(201, try await control.addOrgContact(tenantId: tenant, contact).controlJSON)
        }
        if route.is("PATCH", count: 2) {
            let body = try bodyObject(route.request)
            var probe = OrgContact(id: "", displayName: "")
            try probe.apply(control: body)
            return .json(
                200,
                try await control.updateOrgContact(tenantId: tenant, rest[1]) { try? $0.apply(control: body) }
                    .controlJSON
            )
        }
        if route.is("DELETE", count: 2) {
            try await control.removeOrgContact(tenantId: tenant, rest[1])
            return .empty(204)
        }
        return nil
    }

    /// `…/groups`, `…/groups/{g}/members`, `…/groups/{g}/members/{id}`.
    func routeGroups(_ route: TenantRoute) async throws -> SimResponse? {
        let (control, tenant, rest) = (route.control, route.tenant, route.rest)
        if route.is("GET", count: 1) {
            return .json(200, .array(try await control.groups(tenantId: tenant).map(\.controlJSON)))
        }
        if route.is("POST", count: 1) {
            let body = try bodyObject(route.request)
            let group = try await control.addGroup(
                tenantId: tenant,
                displayName: body["displayName"]?.stringValue ?? "Group",
                memberIds: body["memberIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
            return .json(201, group.controlJSON)
        }
        if route.is("POST", count: 3, then: "members") {
            guard let id = try bodyObject(route.request)["id"]?.stringValue else {
                throw SimulatorError.invalidArgument("members needs {\"id\": …}")
            }
            try await control.addGroupMember(tenantId: tenant, groupId: rest[1], memberId: id)
            return .empty(204)
        }
        if route.is("DELETE", count: 4, then: "members") {
            try await control.removeGroupMember(tenantId: tenant, groupId: rest[1], memberId: rest[3])
            return .empty(204)
        }
        return nil
    }
}
