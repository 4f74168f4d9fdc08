import Foundation

extension SimulatorEngine {
    /// Serves the `/_sim/` control API (JSON), mirroring ``SimulatorControl``.
    func handleControl(_ request: SimRequest) async -> SimResponse {
        let control = SimulatorControl(state: state)
        do {
            return try await routeControl(request, control: control)
        } catch let error as SimulatorError {
            let status = error.name == "unknownTenant" || error.name == "unknownObject" ? 404 : 400
            return SimResponse.json(
                status,
                ["error": ["code": .string(error.name), "message": .string(error.description)]]
            )
        } catch {
            return SimResponse.json(400, ["error": ["code": "invalidRequest", "message": .string("\(error)")]])
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ request: SimRequest) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(request.body))
    }

    private func encode<T: Encodable>(_ value: T, status: Int = 200) throws -> SimResponse {
        let data = try JSONEncoder().encode(value)
        return SimResponse(status: status, headers: [("Content-Type", "application/json")], body: [UInt8](data))
    }

    private func bodyObject(_ request: SimRequest) throws -> SimJSONObject {
        guard let object = try SimJSON.parse(request.body).objectValue else {
            throw SimulatorError.invalidArgument("the body must be a JSON object")
        }
        return object
    }

    private func routeControl(_ request: SimRequest, control: SimulatorControl) async throws -> SimResponse {
        let s = Array(request.segments.dropFirst())
        let method = request.method
        switch (method, s.first ?? "") {
        case ("GET", "log"): return try encode(await control.requestLog())
        case ("DELETE", "log"):
            await control.clearRequestLog()
            return .empty(204)
        case ("GET", "counters"):
            var object = SimJSONObject()
            for (endpoint, statuses) in await control.counters().sorted(by: { $0.key < $1.key }) {
                var inner = SimJSONObject()
                for (status, count) in statuses.sorted(by: { $0.key < $1.key }) {
                    inner.append(String(status), .int(count))
                }
                object.append(endpoint, .object(inner))
            }
            return .json(200, .object(object))
        case ("POST", "faults"):
            await control.setFault(try decode(FaultRule.self, request))
            return .empty(204)
        case ("DELETE", "faults"):
            await control.clearFaults()
            return .empty(204)
        case ("PUT", "throttling"):
            await control.setThrottling(try decode(ThrottlingOptions.self, request))
            return .empty(204)
        case ("PUT", "tokenLifetime"):
            guard let seconds = try bodyObject(request)["seconds"]?.intValue, seconds > 0 else {
                throw SimulatorError.invalidArgument("tokenLifetime needs {\"seconds\": N}")
            }
            await control.setTokenLifetime(seconds)
            return .empty(204)
        case ("POST", "clock"):
            guard let seconds = try bodyObject(request)["advanceSeconds"]?.doubleValue else {
                throw SimulatorError.invalidArgument("clock needs {\"advanceSeconds\": N}")
            }
            await control.advanceClock(by: seconds)
            return .empty(204)
        case ("PUT", "apps") where s.count == 3 && s[2] == "permissions":
            try await control.setAppPermissions(clientId: s[1], try decode(AppPermissions.self, request))
            return .empty(204)
        case (_, "tenants"):
            if s.count == 1 {
                if method == "GET" { return try encode(await control.tenants()) }
                if method == "POST" {
                    return try encode(try await control.addTenant(try decode(TenantSeed.self, request)), status: 201)
                }
            } else {
                return try await routeTenant(request, tenant: s[1], rest: Array(s.dropFirst(2)), control: control)
            }
        default: break
        }
        throw SimulatorError.unknownObject(request.path)
    }

    private struct AppRequest: Decodable {
        var permissions: AppPermissions?
        var certificatePEM: String?
    }

    private func routeTenant(
        _ request: SimRequest,
        tenant: String,
        rest: [String],
        control: SimulatorControl
    ) async throws -> SimResponse {
        if let photo = try await routePhotoControl(request, tenant: tenant, rest: rest, control: control) {
            return photo
        }
        let method = request.method
        switch (method, rest.first ?? "", rest.count) {
        case ("POST", "apps", 1):
            let body = request.body.isEmpty ? AppRequest() : try decode(AppRequest.self, request)
            return try encode(
                try await control.registerApp(
                    tenantId: tenant,
                    permissions: body.permissions ?? .all,
                    certificatePEM: body.certificatePEM
                ),
                status: 201
            )
        case ("GET", "users", 1):
            return .json(200, .array(try await control.users(tenantId: tenant).map(\.controlJSON)))
        case ("POST", "users", 1):
            var user = DirectoryUser(id: "", userPrincipalName: "", displayName: "")
            try user.apply(control: try bodyObject(request))
            return .json(201, try await control.addUser(tenantId: tenant, user).controlJSON)
        case ("GET", "users", 2): return .json(200, try await control.user(tenantId: tenant, rest[1]).controlJSON)
        case ("PATCH", "users", 2):
            let body = try bodyObject(request)
            var probe = try await control.user(tenantId: tenant, rest[1])
            try probe.apply(control: body)
            let updated = try await control.updateUser(tenantId: tenant, rest[1]) { user in
                try? user.apply(control: body)
            }
            return .json(200, updated.controlJSON)
        case ("DELETE", "users", 2):
            try await control.removeUser(
                tenantId: tenant,
                rest[1],
                permanently: request.queryValue("permanent") == "true"
            )
            return .empty(204)
        case ("POST", "users", 3) where rest[2] == "restore":
            try await control.restoreUser(tenantId: tenant, rest[1])
            return .empty(204)
        case ("GET", "orgContacts", 1):
            return .json(200, .array(try await control.orgContacts(tenantId: tenant).map(\.controlJSON)))
        case ("POST", "orgContacts", 1):
            var contact = OrgContact(id: "", displayName: "")
            try contact.apply(control: try bodyObject(request))
            return .json(201, try await control.addOrgContact(tenantId: tenant, contact).controlJSON)
        case ("PATCH", "orgContacts", 2):
            let body = try bodyObject(request)
            var probe = OrgContact(id: "", displayName: "")
            try probe.apply(control: body)
            return .json(
                200,
                try await control.updateOrgContact(tenantId: tenant, rest[1]) { try? $0.apply(control: body) }
                    .controlJSON
            )
        case ("DELETE", "orgContacts", 2):
            try await control.removeOrgContact(tenantId: tenant, rest[1])
            return .empty(204)
        case ("GET", "groups", 1):
            let groups = try await control.groups(tenantId: tenant)
            return .json(
                200,
                .array(
                    groups.map {
                        [
                            "id": .string($0.id), "displayName": .string($0.displayName),
                            "memberIds": .strings($0.memberIds),
                        ]
                    }
                )
            )
        case ("POST", "groups", 1):
            let body = try bodyObject(request)
            let group = try await control.addGroup(
                tenantId: tenant,
                displayName: body["displayName"]?.stringValue ?? "Group",
                memberIds: body["memberIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
            return .json(
                201,
                [
                    "id": .string(group.id), "displayName": .string(group.displayName),
                    "memberIds": .strings(group.memberIds),
                ]
            )
        case ("POST", "groups", 3) where rest[2] == "members":
            guard let id = try bodyObject(request)["id"]?.stringValue else {
                throw SimulatorError.invalidArgument("members needs {\"id\": …}")
            }
            try await control.addGroupMember(tenantId: tenant, groupId: rest[1], memberId: id)
            return .empty(204)
        case ("DELETE", "groups", 4) where rest[2] == "members":
            try await control.removeGroupMember(tenantId: tenant, groupId: rest[1], memberId: rest[3])
            return .empty(204)
        case ("GET", "mailboxes", 3) where rest[2] == "contacts":
            return .json(200, .array(try await control.contacts(tenantId: tenant, inMailbox: rest[1])))
        case ("POST", "mailboxes", 3) where rest[2] == "contacts":
            let created = try await control.addPersonalContact(
                tenantId: tenant,
                mailbox: rest[1],
                folderId: request.queryValue("folderId"),
                contact: .object(try bodyObject(request))
            )
            return .json(201, created)
        case ("GET", "mailboxes", 3) where rest[2] == "folders":
            return .json(200, .array(try await control.contactFolders(tenantId: tenant, inMailbox: rest[1])))
        case ("POST", "mailboxes", 3) where rest[2] == "folders":
            let body = try bodyObject(request)
            let id = try await control.addContactFolder(
                tenantId: tenant,
                mailbox: rest[1],
                displayName: body["displayName"]?.stringValue ?? "Folder",
                parentFolderId: body["parentFolderId"]?.stringValue
            )
            return .json(201, ["id": .string(id)])
        case ("GET", "mailContacts", 1):
            let t = await control.tenants().first {
                $0.tenantId == tenant || $0.domain.lowercased() == tenant.lowercased()
            }
            let contacts = try await control.mailContacts(tenantId: tenant)
            return .json(
                200,
                .array(
                    contacts.map { contact in
                        var object = contact.mailContactJSON(domain: t?.domain ?? "")
                        for member in contact.contactJSON(domain: t?.domain ?? "") where object[member.key] == nil {
                            object.append(member.key, member.value)
                        }
                        return .object(object)
                    }
                )
            )
        case ("POST", "expireDeltaTokens", 1):
            try await control.expireDeltaTokens(tenantId: tenant)
            return .empty(204)
        case ("POST", "prefillContacts", 1):
            guard let total = try bodyObject(request)["total"]?.intValue else {
                throw SimulatorError.invalidArgument("prefillContacts needs {\"total\": N}")
            }
            try await control.prefillContacts(tenantId: tenant, total: total)
            return .empty(204)
        default:
            throw SimulatorError.unknownObject(request.path)
        }
    }
}
