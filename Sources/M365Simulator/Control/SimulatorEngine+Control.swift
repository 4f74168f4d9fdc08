import Foundation
import M365Primitives

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

    func decode<T: Decodable>(_ type: T.Type, _ request: SimRequest) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(request.body))
    }

    func encode<T: Encodable>(_ value: T, status: Int = 200) throws -> SimResponse {
        let data = try JSONEncoder().encode(value)
        return SimResponse(status: status, headers: [("Content-Type", "application/json")], body: [UInt8](data))
    }

    func bodyObject(_ request: SimRequest) throws -> [String: JSONValue] {
        guard let object = try JSONValue(decoding: Data(request.body)).objectValue else {
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
            var object: [String: JSONValue] = [:]
            for (endpoint, statuses) in await control.counters().sorted(by: { $0.key < $1.key }) {
                var inner: [String: JSONValue] = [:]
                for (status, count) in statuses.sorted(by: { $0.key < $1.key }) {
                    inner[String(status)] = .number(Double(count))
                }
                object[endpoint] = .object(inner)
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
            guard let seconds = try bodyObject(request)["advanceSeconds"]?.numberValue else {
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
        let route = TenantRoute(request: request, tenant: tenant, rest: rest, control: control)
        let response: SimResponse?
        switch rest.first ?? "" {
        case "apps": response = try await routeApps(route)
        case "users": response = try await routeUsers(route)
        case "orgContacts": response = try await routeOrgContacts(route)
        case "groups": response = try await routeGroups(route)
        case "mailboxes": response = try await routeMailboxes(route)
        default: response = try await routeTenantActions(route)
        }
        guard let response else { throw SimulatorError.unknownObject(request.path) }
        return response
    }

    /// `POST …/apps`.
    private func routeApps(_ route: TenantRoute) async throws -> SimResponse? {
        guard route.is("POST", count: 1) else { return nil }
        let request = route.request
        let body = request.body.isEmpty ? AppRequest() : try decode(AppRequest.self, request)
        return try encode(
            try await route.control.registerApp(
                tenantId: route.tenant,
                permissions: body.permissions ?? .all,
                certificatePEM: body.certificatePEM
            ),
            status: 201
        )
    }

    /// `…/mailboxes/{user}/contacts` and `…/mailboxes/{user}/folders`.
    private func routeMailboxes(_ route: TenantRoute) async throws -> SimResponse? {
        let (control, tenant, rest) = (route.control, route.tenant, route.rest)
        if route.is("GET", count: 3, then: "contacts") {
            return .json(200, .array(try await control.contacts(tenantId: tenant, inMailbox: rest[1])))
        }
        if route.is("POST", count: 3, then: "contacts") {
            let created = try await control.addPersonalContact(
                tenantId: tenant,
                mailbox: rest[1],
                folderId: route.request.queryValue("folderId"),
                contact: .object(try bodyObject(route.request))
            )
            return .json(201, created)
        }
        if route.is("GET", count: 3, then: "folders") {
            return .json(200, .array(try await control.contactFolders(tenantId: tenant, inMailbox: rest[1])))
        }
        if route.is("POST", count: 3, then: "folders") {
            let body = try bodyObject(route.request)
            let id = try await control.addContactFolder(
                tenantId: tenant,
                mailbox: rest[1],
                displayName: body["displayName"]?.stringValue ?? "Folder",
                parentFolderId: body["parentFolderId"]?.stringValue
            )
            return .json(201, ["id": .string(id)])
        }
        return nil
    }

    /// `GET …/mailContacts`, `POST …/expireDeltaTokens`, `POST …/prefillContacts`.
    private func routeTenantActions(_ route: TenantRoute) async throws -> SimResponse? {
        let (control, tenant) = (route.control, route.tenant)
        switch (route.request.method, route.rest.first ?? "", route.rest.count) {
        case ("GET", "mailContacts", 1):
            let t = await control.tenants().first {
                $0.tenantId == tenant || $0.domain.lowercased() == tenant.lowercased()
            }
            let contacts = try await control.mailContacts(tenantId: tenant)
            return .json(200, .array(contacts.map { .object($0.controlJSON(domain: t?.domain ?? "")) }))
        case ("POST", "expireDeltaTokens", 1):
            try await control.expireDeltaTokens(tenantId: tenant)
            return .empty(204)
        case ("POST", "prefillContacts", 1):
            guard let total = try bodyObject(route.request)["total"]?.intValue else {
                throw SimulatorError.invalidArgument("prefillContacts needs {\"total\": N}")
            }
            try await control.prefillContacts(tenantId: tenant, total: total)
            return .empty(204)
        default:
            return nil
        }
    }
}

/// A control request under `/_sim/tenants/{t}/`: the tenant key and the path after it.
struct TenantRoute {
    var request: SimRequest
    var tenant: String
    var rest: [String]
    var control: SimulatorControl

    /// Whether the method and path length match, and the third segment is `then` when given.
    func `is`(_ method: String, count: Int, then third: String? = nil) -> Bool {
        guard request.method == method, rest.count == count else { return false }
        guard let third else { return true }
        return rest.count > 2 && rest[2] == third
    }
}
