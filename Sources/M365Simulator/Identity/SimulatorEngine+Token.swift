import HTTPTypes
import M365Primitives

extension SimulatorEngine {
    /// `POST /{tenant}/oauth2/v2.0/token`: client credentials with a secret or a certificate assertion.
    func handleToken(_ request: SimRequest, tenantKey: String, now: Double) -> SimResponse {
        let traceId = state.withWorld { $0.nextRequestId() }
        do {
            try Self.checkTokenTransport(request)
            let form = Self.parseForm(request.body)
            let lookup = state.withWorld { world -> (TenantState?, RegisteredApp?, Int) in
                let tenant = world.tenantIndex(tenantKey).map { world.tenants[$0] }
                let app = form["client_id"].flatMap { world.apps[$0.lowercased()] }
                return (
                    tenant.map { TenantState(tenantId: $0.tenantId, domain: $0.domain, seed: 0) }, app,
                    world.tokenLifetime
                )
            }
            let (tenant, app) = try Self.checkClient(form, tenant: lookup.0, app: lookup.1, tenantKey: tenantKey)
            let resource = try Self.requestedResource(form)
            try checkCredential(form, app: app, tenant: tenant, now: now)
            return issueToken(app: app, tenant: tenant, resource: resource, lifetime: lookup.2, now: now)
        } catch {
            return error.response(now: Int64(now), traceId: traceId)
        }
    }

    /// The method and content type the endpoint accepts.
    private static func checkTokenTransport(_ request: SimRequest) throws(TokenError) {
        guard request.method == "POST" else {
            throw .invalidRequest(
                900561,
                "The endpoint only accepts POST requests. Received a \(request.method) request."
            )
        }
        guard request.header("content-type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw .invalidRequest(900144, "The request body must contain the following parameter: 'grant_type'.")
        }
    }

    /// The tenant, the grant and the registered app the form names.
    private static func checkClient(
        _ form: [String: String],
        tenant: TenantState?,
        app: RegisteredApp?,
        tenantKey: String
    ) throws(TokenError) -> (TenantState, RegisteredApp) {
        guard let tenant else {
            throw .invalidRequest(
                90002,
                "Tenant '\(tenantKey)' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant."
            )
        }
        guard let grant = form["grant_type"] else {
            throw .invalidRequest(900144, "The request body must contain the following parameter: 'grant_type'.")
        }
        guard grant == "client_credentials" else {
            throw TokenError(
                status: 400,
                error: "unsupported_grant_type",
                code: 70003,
                message: "The app requested an unsupported grant type '\(grant)'."
            )
        }
        guard let clientId = form["client_id"], !clientId.isEmpty else {
            throw .invalidRequest(900144, "The request body must contain the following parameter: 'client_id'.")
        }
        guard let app, app.credentials.tenantId == tenant.tenantId else {
            throw TokenError(
                status: 400,
                error: "unauthorized_client",
                code: 700016,
                message:
                    "Application with identifier '\(clientId)' was not found in the directory '\(tenantKey)'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
            )
        }
        return (tenant, app)
    }

    /// The one resource whose `/.default` the scope names.
    private static func requestedResource(_ form: [String: String]) throws(TokenError) -> TokenResource {
        guard let scope = form["scope"] else {
            throw .invalidRequest(900144, "The request body must contain the following parameter: 'scope'.")
        }
        guard let resource = TokenResource.fromScope(scope) else {
            if scope.split(separator: " ").count > 1 {
                throw TokenError(
                    status: 400,
                    error: "invalid_scope",
                    code: 28000,
                    message:
                        "Provided value for the input parameter scope '\(scope)' is not valid because it contains more than one resource. Scope \(scope) is not valid."
                )
            }
            throw TokenError(
                status: 400,
                error: "invalid_scope",
                code: 70011,
                message:
                    "The provided value for the input parameter 'scope' is not valid. The scope \(scope) is not valid."
            )
        }
        return resource
    }

    /// Exactly one of a client secret or a client assertion, and it must be the app's.
    private func checkCredential(
        _ form: [String: String],
        app: RegisteredApp,
        tenant: TenantState,
        now: Double
    ) throws(TokenError) {
        switch (form["client_secret"], form["client_assertion"]) {
        case (.some, .some):
            throw .invalidRequest(
                700025,
                "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."
            )
        case (.none, .none):
            throw .invalidClient(
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
            )
        case (.some(let secret), .none):
            guard secret == app.credentials.clientSecret else {
                throw .invalidClient(
                    7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '\(form["client_id"] ?? "")'."
                )
            }
        case (.none, .some(let assertion)):
            guard form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" else {
                throw .invalidRequest(
                    50027,
                    "Invalid client_assertion_type. It must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'."
                )
            }
            let audiences = acceptedAssertionAudiences(tenant: tenant)
            do throws(ClientAssertion.Refusal) {
                try ClientAssertion.verify(assertion, app: app, acceptedAudiences: audiences, now: now)
            } catch {
                throw .invalidClient(error.code, error.message)
            }
        }
    }

    /// The signed access token for the resource, with the app's roles there.
    private func issueToken(
        app: RegisteredApp,
        tenant: TenantState,
        resource: TokenResource,
        lifetime: Int,
        now: Double
    ) -> SimResponse {
        let roles: [String]
        switch resource {
        case .graph: roles = app.permissions.graphRoles.sorted()
        case .exchange: roles = app.permissions.exchangeManageAsApp ? ["Exchange.ManageAsApp"] : []
        }
        let issued = Int64(now)
        let token = AccessToken.issue(
            AccessTokenClaims(
                audience: resource,
                tenantId: tenant.tenantId,
                clientId: app.credentials.clientId,
                issuedAt: issued,
                expires: issued + Int64(lifetime),
                roles: roles
            ),
            key: state.tokenKey
        )
        let body: JSONValue = [
            "token_type": "Bearer", "expires_in": .number(Double(lifetime)),
            "ext_expires_in": .number(Double(lifetime)),
            "access_token": .string(token),
        ]
        return SimResponse(
            status: 200,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store, no-cache"],
            body: body.serialized()
        )
    }

    /// Token endpoint URLs an assertion's `aud` may name: the real host or this server, tenant by id or domain.
    func acceptedAssertionAudiences(tenant: TenantState) -> Set<String> {
        var result: Set<String> = []
        let hosts = ["https://login.microsoftonline.com", state.baseURL.lowercased()]
        for host in hosts {
            for key in [tenant.tenantId, tenant.domain.lowercased()] {
                result.insert("\(host)/\(key)/oauth2/v2.0/token")
                result.insert("\(host)/\(key)/v2.0")
            }
        }
        return result
    }

    static func parseForm(_ body: [UInt8]) -> [String: String] {
        Dictionary(SimRequest.formFields(String(decoding: body, as: UTF8.self)), uniquingKeysWith: { $1 })
    }
}
