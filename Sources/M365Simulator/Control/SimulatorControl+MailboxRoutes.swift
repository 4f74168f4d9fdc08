import HTTPTypes
import Hummingbird
import M365Primitives

extension SimulatorControl {
    private struct AppRequest: Decodable {
        var permissions: AppPermissions?
        var certificatePEM: String?
    }

    /// `…/apps`, `…/mailboxes/{user}/contacts|folders`, a contact's photo, `…/mailContacts`,
    /// `…/expireDeltaTokens` and `…/prefillContacts`.
    func addMailboxRoutes(_ tenant: Routes) {
        on(tenant, .post, "apps") { call in
            let body = call.body.isEmpty ? AppRequest() : try call.decode(AppRequest.self)
            let app = try await self.registerApp(
                tenantId: try call.tenant,
                permissions: body.permissions ?? .all,
                certificatePEM: body.certificatePEM
            )
            return try .encoded(app, status: .created)
        }
        on(tenant, .get, "mailboxes/:user/contacts") { call in
            .json(
                .ok,
                .array(try await self.contacts(tenantId: try call.tenant, inMailbox: try call.parameter("user")))
            )
        }
        on(tenant, .post, "mailboxes/:user/contacts") { call in
            let created = try await self.addPersonalContact(
                tenantId: try call.tenant,
                mailbox: try call.parameter("user"),
                folderId: call.query("folderId"),
                contact: .object(try call.object())
            )
            return .json(.created, created)
        }
        on(tenant, .get, "mailboxes/:user/folders") { call in
            let folders = try await self.contactFolders(
                tenantId: try call.tenant,
                inMailbox: try call.parameter("user")
            )
            return .json(.ok, .array(folders))
        }
        on(tenant, .post, "mailboxes/:user/folders") { call in
            let body = try call.object()
            let id = try await self.addContactFolder(
                tenantId: try call.tenant,
                mailbox: try call.parameter("user"),
                displayName: body["displayName"]?.stringValue ?? "Folder",
                parentFolderId: body["parentFolderId"]?.stringValue
            )
            return .json(.created, ["id": .string(id)])
        }
        addContactPhotoRoute(tenant)
        addTenantActions(tenant)
    }

    /// `GET …/mailboxes/{user}/contacts/{id}/photo`: the bytes a contact photo upload stored.
    private func addContactPhotoRoute(_ tenant: Routes) {
        on(tenant, .get, "mailboxes/:user/contacts/:id/photo") { call in
            guard
                let photo = try await self.contactPhoto(
                    tenantId: try call.tenant,
                    mailbox: try call.parameter("user"),
                    contactId: try call.parameter("id")
                )
            else {
                return .json(.notFound, ["error": ["code": "unknownObject", "message": "the contact has no photo"]])
            }
            return SimResponse(status: .ok, headers: [.contentType: photo.contentType], body: photo.bytes)
        }
    }

    private func addTenantActions(_ tenant: Routes) {
        on(tenant, .get, "mailContacts") { call in
            let key = try call.tenant
            let domain = await self.tenants().first {
                $0.tenantId == key || $0.domain.lowercased() == key.lowercased()
            }?.domain
            let contacts = try await self.mailContacts(tenantId: key)
            return .json(.ok, .array(contacts.map { .object($0.controlJSON(domain: domain ?? "")) }))
        }
        perform(tenant, .post, "expireDeltaTokens") { call in
            try await self.expireDeltaTokens(tenantId: try call.tenant)
        }
        perform(tenant, .post, "deltaReplays") { call in
            guard let enabled = try call.object()["enabled"]?.boolValue else {
                throw SimulatorError.invalidArgument("deltaReplays needs {\"enabled\": true|false}")
            }
            try await self.setDeltaReplays(tenantId: try call.tenant, enabled)
        }
        perform(tenant, .post, "prefillContacts") { call in
            guard let total = try call.object()["total"]?.intValue else {
                throw SimulatorError.invalidArgument("prefillContacts needs {\"total\": N}")
            }
            try await self.prefillContacts(tenantId: try call.tenant, total: total)
        }
    }
}
