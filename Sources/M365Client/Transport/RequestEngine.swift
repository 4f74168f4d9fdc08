import Foundation
import Logging
import M365Curl

/// Sends service requests: attaches the token and ids, applies the mailbox limit, retries, counts.
struct RequestEngine: Sendable {
    let transport: HTTPTransport
    let policy: RetryPolicy
    let clock: ClientClock
    let metrics: RequestMetrics
    let limiter: MailboxLimiter
    let logger: Logger
    let caFile: String?
    let timeout: Duration?
    let jitter: @Sendable () -> Double

    /// Supplies a bearer token; `rejecting` names a token the service just refused.
    typealias TokenSource = @Sendable (_ resource: TokenResource, _ rejecting: String?) async throws -> String

    /// Performs `request` until it succeeds (2xx) or fails for good; throws ``M365Error``.
    func perform(_ request: ServiceRequest, tokens: TokenSource?) async throws -> HTTPResponse {
        let clientRequestId = UUID().uuidString.lowercased()
        let started = clock.now()
        var attempt = 0
        var refusedToken: String?
        var refreshedAfter401 = false
        while true {
            attempt += 1
            if Task.isCancelled { throw M365Error.cancelled(operation: request.kind) }
            var http = HTTPRequest(
                method: request.method,
                url: request.url,
                headers: request.headers,
                body: request.body,
                timeout: timeout,
                extraCAFile: caFile,
                isIdempotent: request.idempotent
            )
            http.headers["client-request-id"] = clientRequestId
            http.headers["return-client-request-id"] = "true"
            if request.headers["Accept"] == nil { http.headers["Accept"] = "application/json" }
            var token: String?
            if let resource = request.resource, let tokens {
                let value = try await tokens(resource, refusedToken)
                token = value
                http.headers["Authorization"] = "Bearer \(value)"
            }
            let outcome = await send(http, request: request)
            let elapsed = Duration.seconds(clock.now().timeIntervalSince(started))
            let context = ResponseContext(
                operation: request.kind,
                clientRequestId: clientRequestId,
                response: outcome.response
            )
            let failure: RetryPolicy.Failure
            let error: M365Error
            switch outcome {
            case .response(var response) where (200..<300).contains(response.status):
                if response.headers["client-request-id"] == nil {
                    response.headers["client-request-id"] = clientRequestId
                }
                return response
            case .response(let response) where response.status == 401 && token != nil && !refreshedAfter401:
                refreshedAfter401 = true
                refusedToken = token
                logger.debug(
                    "Token refused, refreshing",
                    metadata: ["kind": "\(request.kind)", "request_id": "\(context.requestId ?? clientRequestId)"]
                )
                continue
            case .response(let response):
                error = request.errorParser?(response, context) ?? M365Error.from(response, context: context)
                let retryAfter = RetryAfter.parse(response.headers["Retry-After"], now: clock.now())
                if RetryPolicy.retryableStatuses.contains(response.status) {
                    failure = .status(response.status, retryAfter: retryAfter)
                } else if error.kind == .throttled {
                    failure = .throttledMessage(retryAfter: retryAfter)
                } else {
                    throw error
                }
            case .failed(let transportError):
                if transportError.isCancellation { throw M365Error.cancelled(operation: request.kind) }
                error = M365Error.transport(transportError.description, context: context)
                guard transportError.isTransient else { throw error }
                failure = .transport(reachedServer: transportError.mayHaveReachedServer)
            }
            let decision = policy.decide(
                attempt: attempt,
                failure: failure,
                idempotent: request.idempotent,
                elapsed: elapsed,
                runWaited: metrics.waited,
                jitter: jitter()
            )
            guard case .retry(let delay) = decision else {
                if case .transport(reachedServer: true) = failure, !request.idempotent {
                    throw M365Error.outcomeUnknown(
                        "the request may have been applied, its response was lost: \(error.message)",
                        context: context
                    )
                }
                throw error
            }
            let throttled: Bool
            switch failure {
            case .status(let status, _): throttled = status == 429 || status == 503
            case .throttledMessage: throttled = true
            case .transport: throttled = false
            }
            metrics.recordRetry(wait: delay, throttled: throttled)
            logger.debug(
                "Retrying request",
                metadata: [
                    "kind": "\(request.kind)", "attempt": "\(attempt)", "error": "\(error.name)",
                    "status": "\(error.status.map(String.init) ?? "none")",
                    "delay_ms": "\(Int(delay.seconds * 1000))",
                    "request_id": "\(context.requestId ?? "none")", "client_request_id": "\(clientRequestId)",
                ]
            )
            do {
                try await clock.sleep(delay)
            } catch {
                throw M365Error.cancelled(operation: request.kind)
            }
        }
    }

    private enum Outcome {
        case response(HTTPResponse)
        case failed(HTTPTransportError)

        var response: HTTPResponse? {
            if case .response(let response) = self { return response }
            return nil
        }
    }

    /// One attempt through the mailbox limiter; counts it.
    private func send(_ http: HTTPRequest, request: ServiceRequest) async -> Outcome {
        if let mailbox = request.mailbox { await limiter.acquire(mailbox, slots: request.mailboxSlots) }
        let outcome: Outcome
        do {
            outcome = .response(try await transport.send(http))
        } catch {
            outcome = .failed(error)
        }
        if let mailbox = request.mailbox { await limiter.release(mailbox, slots: request.mailboxSlots) }
        switch outcome {
        case .response(let response):
            CrashPoint.afterResponse(kind: request.kind, status: response.status)
            metrics.recordRequest(
                kind: request.kind,
                status: response.status,
                bytesSent: response.bytesSent,
                bytesReceived: response.bytesReceived
            )
        case .failed:
            metrics.recordRequest(kind: request.kind, status: 0, bytesSent: 0, bytesReceived: 0)
        }
        return outcome
    }
}
