import Foundation
import HTTPTypes
import Logging
import M365Core
import M365Curl
import M365Primitives

/// Gets and caches app-only tokens for one tenant: one per resource, one fetch at a time.
actor TokenProvider {
    private struct CachedToken {
        var value: String
        var refreshAt: Date
    }

    private let tenant: TenantConfiguration
    private let engine: RequestEngine
    private var credential: LoadedCredential?
    private var cache: [TokenResource: CachedToken] = [:]
    private var inFlight: [TokenResource: Task<CachedToken, any Error>] = [:]

    init(tenant: TenantConfiguration, engine: RequestEngine) {
        self.tenant = tenant
        self.engine = engine
    }

    /// The token endpoint URL, which is also the assertion's audience.
    nonisolated var tokenURL: String {
        URLBuilder.url(tenant.endpoints.login, "/\(URLBuilder.segment(tenant.tenantId))/oauth2/v2.0/token")
    }

    /// The `scope` for a resource: the cloud's resource identifier plus `/.default`.
    nonisolated func scope(for resource: TokenResource) -> String {
        let base = resource == .graph ? tenant.cloud.endpoints.graph : tenant.cloud.endpoints.exchange
        return base + "/.default"
    }

    /// ``token(for:rejecting:)`` as the engine asks for it.
    nonisolated var source: RequestEngine.TokenSource {
        { resource, rejecting in try await self.token(for: resource, rejecting: rejecting) }
    }

    /// A valid token; `rejecting` drops the cached one if it is that token (the service refused it).
    func token(for resource: TokenResource, rejecting: String? = nil) async throws -> String {
        if let rejecting, cache[resource]?.value == rejecting { cache[resource] = nil }
        if let cached = cache[resource], cached.refreshAt > engine.clock.now() { return cached.value }
        if let running = inFlight[resource] { return try await Self.value(of: running).value }
        let task = Task { try await self.fetch(resource) }
        inFlight[resource] = task
        defer { inFlight[resource] = nil }
        let fresh = try await Self.value(of: task)
        cache[resource] = fresh
        return fresh.value
    }

    /// Awaits the shared fetch; a cancelled caller cancels it (every caller belongs to the same run),
    /// so a stopping daemon never waits out the token endpoint's retries.
    private static func value(of task: Task<CachedToken, any Error>) async throws -> CachedToken {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    private func loadedCredential() throws(M365Error) -> LoadedCredential {
        if let credential { return credential }
        let loaded = try LoadedCredential.load(tenant.credential)
        credential = loaded
        return loaded
    }

    private func fetch(_ resource: TokenResource) async throws -> CachedToken {
        var form = [
            ("client_id", tenant.clientId), ("scope", scope(for: resource)), ("grant_type", "client_credentials"),
        ]
        switch try loadedCredential() {
        case .secret(let secret):
            form.append(("client_secret", secret))
        case .certificate(let certificate, let algorithm):
            let assertion = try ClientAssertion(clientId: tenant.clientId, audience: tokenURL, algorithm: algorithm)
                .make(certificate: certificate, now: engine.clock.now(), jti: UUID().uuidString.lowercased())
            form.append(("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
            form.append(("client_assertion", assertion))
        }
        let request = ServiceRequest(
            head: HTTPRequest(
                method: .post,
                url: tokenURL,
                headerFields: [.contentType: "application/x-www-form-urlencoded"]
            ),
            body: Data(URLBuilder.form(form).utf8),
            kind: "token",
            resource: nil,
            idempotent: true,
            errorParser: { response, context in
                let (code, message) = M365Error.serviceError(in: response)
                let status = response.head.status.code
                guard status == 400 || status == 401, code != nil || message != nil else {
                    return M365Error.from(response, context: context)
                }
                return .authentication(
                    status: status,
                    serviceCode: message.flatMap(Self.aadstsCode) ?? code,
                    message: message ?? code ?? "token request refused",
                    context: context
                )
            }
        )
        let requestedAt = engine.clock.now()
        let response = try await engine.perform(request, tokens: nil)
        let context = ResponseContext(operation: "token", response: response)
        let body = try JSONDecoding.object(response, context: context)
        guard let token = body["access_token"]?.stringValue, !token.isEmpty else {
            throw M365Error.invalidResponse("token response has no access_token", context: context)
        }
        let lifetime = Self.seconds(body["expires_in"]) ?? 3599
        engine.logger.debug(
            "Token acquired",
            metadata: ["resource": "\(resource.rawValue)", "expires_in": "\(lifetime)"]
        )
        return CachedToken(value: token, refreshAt: requestedAt.addingTimeInterval(Self.reuseTime(lifetime: lifetime)))
    }

    /// How long to reuse a token: its lifetime less a margin of 10% (at most 5 minutes).
    static func reuseTime(lifetime: Double) -> TimeInterval {
        max(0, lifetime - min(300, lifetime * 0.1))
    }

    /// `expires_in` as a number or a numeric string.
    static func seconds(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }

    /// The `AADSTSnnnnn` code at the start of an error description.
    static func aadstsCode(_ description: String) -> String? {
        guard description.hasPrefix("AADSTS") else { return nil }
        return String(description.prefix { $0 != ":" })
    }
}
