import Foundation
import HTTPTypes
import M365Curl

/// Which token a request needs.
public enum TokenResource: String, Sendable, Hashable, CaseIterable {
    case graph, exchange
}

/// One logical call to a service, before authentication, retries and metrics.
struct ServiceRequest: Sendable {
    /// Method, URL and the caller's header fields.
    var head: HTTPRequest
    var body: Data?
    /// Metrics and log name, such as `graph.users`.
    var kind: String
    /// The token to attach; nil for the token endpoint itself.
    var resource: TokenResource?
    /// Safe to send twice (GET, PATCH, DELETE, Exchange Get-/Set-).
    var idempotent: Bool
    /// Mailbox whose concurrency limit applies, and how many of its slots this request takes.
    var mailbox: String?
    var mailboxSlots = 1
    /// A `$batch`: its success says nothing of its inner requests (which report the mailbox's progress).
    var carriesInnerRequests = false
    /// Builds the error for a non-success response (Exchange parses its own envelope); nil uses Graph's.
    var errorParser: (@Sendable (HTTPTransportResponse, ResponseContext) -> M365Error)?
}

extension ServiceRequest {
    /// The request marked as a `$batch` (see ``carriesInnerRequests``).
    func carryingInnerRequests() -> ServiceRequest {
        var request = self
        request.carriesInnerRequests = true
        return request
    }
}
