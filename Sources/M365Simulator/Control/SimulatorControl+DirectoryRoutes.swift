import HTTPTypes
import Hummingbird
import M365Primitives

extension SimulatorControl {
    /// `…/users`, `…/users/{id}`, `…/users/{id}/restore` and `…/users/{id}/photo`.
    func addUserRoutes(_ tenant: Routes) {
        on(tenant, .get, "users") { call in
            .json(.ok, .array(try await self.users(tenantId: try call.tenant).map(\.controlJSON)))
        }
        on(tenant, .post, "users") { call in
            var user = DirectoryUser(id: "", userPrincipalName: "", displayName: "")
            try user.apply(control: try call.object())
            return .json(.created, try await self.addUser(tenantId: try call.tenant, user).controlJSON)
        }
        on(tenant, .get, "users/:id") { call in
            .json(.ok, try await self.user(tenantId: try call.tenant, try call.parameter("id")).controlJSON)
        }
        on(tenant, .patch, "users/:id") { call in
            let (key, id, body) = (try call.tenant, try call.parameter("id"), try call.object())
            var probe = try await self.user(tenantId: key, id)
            try probe.apply(control: body)
            let updated = try await self.updateUser(tenantId: key, id) { user in try? user.apply(control: body) }
            return .json(.ok, updated.controlJSON)
        }
        perform(tenant, .delete, "users/:id") { call in
            let permanently = call.query("permanent") == "true"
            try await self.removeUser(tenantId: try call.tenant, try call.parameter("id"), permanently: permanently)
        }
        perform(tenant, .post, "users/:id/restore") { call in
            try await self.restoreUser(tenantId: try call.tenant, try call.parameter("id"))
        }
        perform(tenant, .put, "users/:id/photo") { call in
            let bytes = call.body
            guard !bytes.isEmpty else { throw SimulatorError.invalidArgument("the photo's bytes are missing") }
            let photo = SimPhoto(bytes: bytes, contentType: call.request.headers[.contentType] ?? "image/jpeg")
            try await self.setUserPhoto(tenantId: try call.tenant, try call.parameter("id"), photo)
        }
        perform(tenant, .delete, "users/:id/photo") { call in
            try await self.setUserPhoto(tenantId: try call.tenant, try call.parameter("id"), nil)
        }
    }

    /// `…/orgContacts`, `…/orgContacts/{id}`, `…/groups`, `…/groups/{g}/members`, `…/groups/{g}/members/{id}`.
    func addDirectoryRoutes(_ tenant: Routes) {
        on(tenant, .get, "orgContacts") { call in
            .json(.ok, .array(try await self.orgContacts(tenantId: try call.tenant).map(\.controlJSON)))
        }
        on(tenant, .post, "orgContacts") { call in
            var contact = OrgContact(id: "", displayName: "")
            try contact.apply(control: try call.object())
            return .json(.created, try await self.addOrgContact(tenantId: try call.tenant, contact).controlJSON)
        }
        on(tenant, .patch, "orgContacts/:id") { call in
            let body = try call.object()
            var probe = OrgContact(id: "", displayName: "")
            try probe.apply(control: body)
            let updated = try await self.updateOrgContact(tenantId: try call.tenant, try call.parameter("id")) {
                try? $0.apply(control: body)
            }
            return .json(.ok, updated.controlJSON)
        }
        perform(tenant, .delete, "orgContacts/:id") { call in
            try await self.removeOrgContact(tenantId: try call.tenant, try call.parameter("id"))
        }
        addGroupRoutes(tenant)
    }

    private func addGroupRoutes(_ tenant: Routes) {
        on(tenant, .get, "groups") { call in
            .json(.ok, .array(try await self.groups(tenantId: try call.tenant).map(\.controlJSON)))
        }
        on(tenant, .post, "groups") { call in
            let body = try call.object()
            let group = try await self.addGroup(
                tenantId: try call.tenant,
                displayName: body["displayName"]?.stringValue ?? "Group",
                memberIds: body["memberIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
            return .json(.created, group.controlJSON)
        }
        perform(tenant, .post, "groups/:group/members") { call in
            guard let id = try call.object()["id"]?.stringValue else {
                throw SimulatorError.invalidArgument("members needs {\"id\": …}")
            }
            try await self.addGroupMember(tenantId: try call.tenant, groupId: try call.parameter("group"), memberId: id)
        }
        perform(tenant, .delete, "groups/:group/members/:id") { call in
            try await self.removeGroupMember(
                tenantId: try call.tenant,
                groupId: try call.parameter("group"),
                memberId: try call.parameter("id")
            )
        }
    }
}
