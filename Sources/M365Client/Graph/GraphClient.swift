import Foundation
import HTTPTypes
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
    var root: String { URLBuilder.url(tenant.endpoints.graph, "/v1.0") }

    /// A Graph request: the token, a JSON body, and POST taken as not idempotent unless `idempotent` says so.
    func graphRequest(
        _ method: HTTPRequest.Method,
        _ url: String,
        kind: String,
        headers: HTTPFields = [:],
        body: JSONValue? = nil,
        mailbox: String? = nil,
        mailboxSlots: Int = 1,
        idempotent: Bool? = nil
    ) -> ServiceRequest {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        return ServiceRequest(
            head: HTTPRequest(method: method, url: url, headerFields: headers),
            body: body.map(JSONDecoding.encode),
            kind: kind,
            resource: .graph,
            idempotent: idempotent ?? (method != .post),
            mailbox: mailbox,
            mailboxSlots: mailboxSlots
        )
    }

    /// Sends one Graph request and returns the raw response (2xx only).
    func send(_ request: ServiceRequest) async throws -> HTTPTransportResponse {
        try await engine.perform(request, tokens: tokens.source)
    }

    /// Sends one Graph request and decodes the JSON object it returns.
    func sendForObject(_ request: ServiceRequest) async throws -> [String: JSONValue] {
        let response = try await send(request)
        return try JSONDecoding.object(response, context: ResponseContext(operation: request.kind, response: response))
    }

    /// `/users/{mailbox}` with the mailbox escaped as a path segment.
    func mailboxPath(_ mailbox: String) -> String { "/users/" + URLBuilder.segment(mailbox) }

    /// True when `link` points at this tenant's Graph host (tokens are never sent elsewhere).
    func isGraphLink(_ link: String) -> Bool {
        URLBuilder.sameOrigin(link, root)
    }
}
