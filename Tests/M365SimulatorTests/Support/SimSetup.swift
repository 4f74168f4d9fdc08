import Foundation
import M365Primitives
import M365Simulator
import Testing

/// A running simulator with one tenant and one app, for a test.
struct SimSetup: Sendable {
    let server: SimulatorServer
    let tenant: TenantInfo
    let app: AppCredentials

    var base: String { server.baseURL }
    var control: SimulatorControl { server.control }
    var tokenURL: String { "\(base)/\(tenant.tenantId)/oauth2/v2.0/token" }

    static let graphScope = "https://graph.microsoft.com/.default"
    static let exchangeScope = "https://outlook.office365.com/.default"

    /// Requests a token with the client secret.
    func token(scope: String = graphScope) async throws -> String {
        let result = try await TestHTTP.form(
            tokenURL,
            [
                ("client_id", app.clientId), ("client_secret", app.clientSecret), ("grant_type", "client_credentials"),
                ("scope", scope),
            ]
        )
        try #require(result.status == 200, "token request failed: \(result.text)")
        return try #require(result.json["access_token"]?.stringValue)
    }

    /// A Graph GET of `base/v1.0` + `path`.
    func graph(_ path: String, headers: [String: String] = [:], token: String? = nil) async throws -> HTTPResult {
        try await graph("GET", path, headers: headers, token: token)
    }

    /// A Graph request to `base/v1.0` + `path`.
    func graph(
        _ method: String,
        _ path: String,
        body: JSONValue? = nil,
        headers: [String: String] = [:],
        token: String? = nil
    ) async throws -> HTTPResult {
        let bearer: String
        if let token { bearer = token } else { bearer = try await self.token() }
        return try await TestHTTP.json(method, "\(base)/v1.0\(path)", token: bearer, body: body, headers: headers)
    }

    /// Follows `@odata.nextLink`s and returns every value.
    func graphAll(_ path: String, headers: [String: String] = [:]) async throws -> [JSONValue] {
        let token = try await self.token()
        var url = "\(base)/v1.0\(path)"
        var values: [JSONValue] = []
        for _ in 0..<1_000 {
            let page = try await TestHTTP.json("GET", url, token: token, headers: headers)
            try #require(page.status == 200, "page failed: \(page.text)")
            values += page.json["value"]?.arrayValue ?? []
            guard let next = page.json["@odata.nextLink"]?.stringValue else { return values }
            url = next
        }
        Issue.record("too many pages")
        return values
    }

    var anchor: String { "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@\(tenant.tenantId)" }

    /// An InvokeCommand call.
    func exchange(
        _ cmdlet: String,
        _ parameters: JSONValue = [:],
        url: String? = nil,
        headers: [String: String]? = nil,
        token: String? = nil
    ) async throws -> HTTPResult {
        let bearer: String
        if let token { bearer = token } else { bearer = try await self.token(scope: Self.exchangeScope) }
        let body: JSONValue = ["CmdletInput": ["CmdletName": .string(cmdlet), "Parameters": parameters]]
        return try await TestHTTP.json(
            "POST",
            url ?? "\(base)/adminapi/beta/\(tenant.tenantId)/InvokeCommand",
            token: bearer,
            body: body,
            headers: headers ?? ["X-AnchorMailbox": anchor, "X-CmdletName": cmdlet]
        )
    }

    /// A mailbox user id (the first generated).
    var mailboxUser: String { tenant.mailboxUserIds[0] }
}

/// Starts a simulator, runs `body`, and always stops the server.
func withSimulator<T: Sendable>(
    seed: UInt64 = 7,
    users: Int = 40,
    mailboxes: Int = 3,
    orgContacts: Int = 12,
    groups: Int = 4,
    tls: Bool = false,
    throttling: ThrottlingOptions = ThrottlingOptions(),
    permissions: AppPermissions = .all,
    _ body: (SimSetup) async throws -> T
) async throws -> T {
    let server = try await SimulatorServer.start(SimulatorOptions(tls: tls, throttling: throttling))
    do {
        let tenant = try await server.control.addTenant(
            TenantSeed(seed: seed, users: users, mailboxes: mailboxes, orgContacts: orgContacts, groups: groups)
        )
        let app = try await server.control.registerApp(tenantId: tenant.tenantId, permissions: permissions)
        let result = try await body(SimSetup(server: server, tenant: tenant, app: app))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
