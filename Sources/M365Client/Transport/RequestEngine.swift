import Foundation
import HTTPTypes
import Logging
import M365Curl
import M365Primitives

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

    /// What the attempts of one logical request share.
    private struct Attempts {
        /// The same across retries, so that the service can match them.
        let clientRequestId = UUID().uuidString.lowercased()
        let started: Date
        var count = 0
        var refusedToken: String?
        var refreshedAfter401 = false
        /// Attempts the service throttled.
        var throttled = 0
    }

    /// How one attempt ended, when it did not end the request.
    private enum Verdict {
        case success(HTTPTransportResponse)
        case tokenRefused
        case failed(RetryPolicy.Failure, M365Error)
    }

    /// Performs `request` until it succeeds (2xx) or fails for good; throws ``M365Error``.
    func perform(_ request: ServiceRequest, tokens: TokenSource?) async throws -> HTTPTransportResponse {
        var attempts = Attempts(started: clock.now())
        while true {
            attempts.count += 1
            if Task.isCancelled { throw M365Error.cancelled(operation: request.kind) }
            let token = try await bearerToken(for: request, tokens: tokens, rejecting: attempts.refusedToken)
            let outcome = await send(
                transportRequest(request, clientRequestId: attempts.clientRequestId, token: token),
                request: request
            )
            let context = ResponseContext(
                operation: request.kind,
                clientRequestId: attempts.clientRequestId,
                response: outcome.response
            )
            switch try judge(outcome, request: request, token: token, attempts: &attempts, context: context) {
            case .success(let response):
                return response
            case .tokenRefused:
                continue
            case .failed(let failure, let error):
                if failure.isThrottling {
                    attempts.throttled += 1
                    metrics.recordThrottle(times: attempts.throttled)
                }
                try await retryOrThrow(request, failure: failure, error: error, attempts: attempts, context: context)
            }
        }
    }

    /// The wait before another attempt after `failure`, counted in the metrics; nil when the policy gives up.
    ///
    /// A throttled request of `mailbox` pauses that mailbox: its wait counts against the mailbox's time paused
    /// since its last success, not the run's wait budget, so that many mailboxes paced at the service's
    /// limit at once do not use up the run's budget together.
    func retryDelay(
        attempt: Int,
        failure: RetryPolicy.Failure,
        idempotent: Bool,
        started: Date,
        mailbox: String?
    ) async -> Duration? {
        let pausesMailbox = mailbox != nil && failure.isThrottling
        var waited = metrics.waited
        if pausesMailbox, let mailbox { waited = await limiter.stalledTime(mailbox) }
        let decision = policy.decide(
            attempt: attempt,
            failure: failure,
            idempotent: idempotent,
            elapsed: .seconds(clock.now().timeIntervalSince(started)),
            runWaited: waited,
            jitter: jitter(),
            pausesMailbox: pausesMailbox
        )
        guard case .retry(let delay) = decision else { return nil }
        metrics.recordRetry(wait: delay, throttled: failure.isThrottling, pausedMailbox: pausesMailbox)
        return delay
    }

    /// Sleeps before a retry, pausing all of `mailbox` when given; a cancelled sleep is `cancelled` for `operation`.
    func pause(_ delay: Duration, operation: String, pausing mailbox: String? = nil) async throws {
        do {
            if let mailbox {
                try await limiter.pause(mailbox, for: delay, clock: clock)
            } else {
                try await clock.sleep(delay)
            }
        } catch {
            throw M365Error.cancelled(operation: operation)
        }
    }

    private func bearerToken(
        for request: ServiceRequest,
        tokens: TokenSource?,
        rejecting refused: String?
    ) async throws -> String? {
        guard let resource = request.resource, let tokens else { return nil }
        return try await tokens(resource, refused)
    }

    /// The request as sent: the caller's head with the ids, `Accept` and the token added.
    private func transportRequest(
        _ request: ServiceRequest,
        clientRequestId: String,
        token: String?
    ) -> HTTPTransportRequest {
        var head = request.head
        head.headerFields[.clientRequestId] = clientRequestId
        head.headerFields[.returnClientRequestId] = "true"
        if head.headerFields[.accept] == nil { head.headerFields[.accept] = "application/json" }
        if let token { head.headerFields[.authorization] = "Bearer \(token)" }
        return HTTPTransportRequest(
            head,
            body: request.body,
            timeout: timeout,
            extraCAFile: caFile,
            isIdempotent: request.idempotent
        )
    }

    /// Success, a refused token worth one refresh, a failure to weigh for a retry, or (thrown) a final error.
    private func judge(
        _ outcome: Outcome,
        request: ServiceRequest,
        token: String?,
        attempts: inout Attempts,
        context: ResponseContext
    ) throws -> Verdict {
        switch outcome {
        case .response(var response) where response.head.status.kind == .successful:
            if response.head.headerFields[.clientRequestId] == nil {
                response.head.headerFields[.clientRequestId] = attempts.clientRequestId
            }
            return .success(response)
        case .response(let response)
        where response.head.status.code == 401 && token != nil && !attempts.refreshedAfter401:
            attempts.refreshedAfter401 = true
            attempts.refusedToken = token
            logger.debug(
                "Token refused, refreshing",
                metadata: ["kind": "\(request.kind)", "request_id": "\(context.requestId ?? attempts.clientRequestId)"]
            )
            return .tokenRefused
        case .response(let response):
            let error = request.errorParser?(response, context) ?? M365Error.from(response, context: context)
            let retryAfter = RetryAfter.parse(response.header(.retryAfter), now: clock.now())
            let status = response.head.status.code
            if RetryPolicy.retryableStatuses.contains(status) {
                return .failed(.status(status, retryAfter: retryAfter), error)
            }
            guard error.kind == .throttled else { throw error }
            return .failed(.throttledMessage(retryAfter: retryAfter), error)
        case .failed(let transportError):
            if transportError.isCancellation { throw M365Error.cancelled(operation: request.kind) }
            let error = M365Error.transport(transportError.description, context: context)
            guard transportError.isTransient else { throw error }
            return .failed(.transport(reachedServer: transportError.mayHaveReachedServer), error)
        }
    }

    /// Waits before the next attempt, or throws the final error (`outcomeUnknown` for a create that may have landed).
    private func retryOrThrow(
        _ request: ServiceRequest,
        failure: RetryPolicy.Failure,
        error: M365Error,
        attempts: Attempts,
        context: ResponseContext
    ) async throws {
        let mailbox = failure.isThrottling ? request.mailbox : nil
        let delay = await retryDelay(
            attempt: attempts.count,
            failure: failure,
            idempotent: request.idempotent,
            started: attempts.started,
            mailbox: mailbox
        )
        guard let delay else {
            if case .transport(reachedServer: true) = failure, !request.idempotent {
                throw M365Error.outcomeUnknown(
                    "the request may have been applied, its response was lost: \(error.message)",
                    context: context
                )
            }
            throw error
        }
        logger.debug(
            "Retrying request",
            metadata: [
                "kind": "\(request.kind)", "attempt": "\(attempts.count)", "error": "\(error.name)",
                "status": "\(error.status.map(String.init) ?? "none")",
                "delay_ms": "\(Int(delay.timeInterval * 1000))",
                "request_id": "\(context.requestId ?? "none")", "client_request_id": "\(attempts.clientRequestId)",
            ]
        )
        try await pause(delay, operation: request.kind, pausing: mailbox)
    }

    private enum Outcome {
        case response(HTTPTransportResponse)
        case failed(HTTPTransportError)

        var response: HTTPTransportResponse? {
            if case .response(let response) = self { return response }
            return nil
        }
    }

    /// One attempt through the mailbox limiter; counts it.
    private func send(_ http: HTTPTransportRequest, request: ServiceRequest) async -> Outcome {
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
            if let mailbox = request.mailbox, !request.carriesInnerRequests, response.head.status.kind == .successful {
                await limiter.progressed(mailbox)
            }
            CrashPoint.afterResponse(kind: request.kind, status: response.head.status.code)
            metrics.recordRequest(
                kind: request.kind,
                status: response.head.status.code,
                bytesSent: response.bytesSent,
                bytesReceived: response.bytesReceived
            )
        case .failed:
            metrics.recordRequest(kind: request.kind, status: 0, bytesSent: 0, bytesReceived: 0)
        }
        return outcome
    }
}
