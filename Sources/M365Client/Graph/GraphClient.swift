import Foundation
import Logging
import M365Core
import M365Curl
import M365Primitives

/// Microsoft Graph v1.0 calls for one tenant.
public struct GraphClient: Sendable {
    let tenant: TenantConfiguration
    let engine: RequestEngine
    let tokens: TokenProvider
    let options: M365ClientOptions

    /// `https://graph…/v1.0`
    var root: String {
        let base = tenant.endpoints.graph
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/v1.0"
    }

    var tokenSource: RequestEngine.TokenSource {
        { [tokens] resource, rejecting in try await tokens.token(for: resource, rejecting: rejecting) }
    }

    /// Sends one Graph request and returns the raw response (2xx only).
    func send(
        _ method: HTTPMethod,
        _ url: String,
        kind: String,
        headers: HTTPHeaders = [:],
        body: JSONValue? = nil,
        mailbox: String? = nil,
        mailboxSlots: Int = 1,
        idempotent: Bool? = nil
    ) async throws -> HTTPResponse {
        var headers = headers
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = ServiceRequest(
            method: method,
            url: url,
            headers: headers,
            body: body.map(JSONDecoding.encode),
            kind: kind,
            resource: .graph,
            idempotent: idempotent ?? (method != .post),
            mailbox: mailbox,
            mailboxSlots: mailboxSlots
        )
        return try await engine.perform(request, tokens: tokenSource)
    }

    /// Sends one Graph request and decodes the JSON object it returns.
    func sendForObject(
        _ method: HTTPMethod,
        _ url: String,
        kind: String,
        headers: HTTPHeaders = [:],
        body: JSONValue? = nil,
        mailbox: String? = nil,
        mailboxSlots: Int = 1,
        idempotent: Bool? = nil
    ) async throws -> [String: JSONValue] {
        let response = try await send(
            method,
            url,
            kind: kind,
            headers: headers,
            body: body,
            mailbox: mailbox,
            mailboxSlots: mailboxSlots,
            idempotent: idempotent
        )
        let context = ResponseContext(operation: kind, response: response)
        return try JSONDecoding.object(response, context: context)
    }

    /// `/users/{mailbox}` with the mailbox escaped as a path segment.
    func mailboxPath(_ mailbox: String) -> String { "/users/" + URLBuilder.segment(mailbox) }

    /// True when `link` points at this tenant's Graph host (tokens are never sent elsewhere).
    func isGraphLink(_ link: String) -> Bool {
        guard let linkURL = URL(string: link), let rootURL = URL(string: root) else { return false }
        return linkURL.scheme == rootURL.scheme && linkURL.host == rootURL.host && linkURL.port == rootURL.port
    }
}
