/// When and how long to wait before trying a request again.
///
/// Pure: the caller passes the attempt number, what happened and the elapsed time; a jitter
/// fraction in 0...1 comes from the caller too, so decisions are reproducible in tests.
public struct RetryPolicy: Sendable {
    /// Tries per request, the first included. Default 8.
    public var maxAttempts: Int = 8
    /// First backoff without `Retry-After`. Default 1 s, doubled per attempt.
    public var baseDelay: Duration = .seconds(1)
    /// Longest single backoff (also caps `Retry-After`). Default 60 s.
    public var maxDelay: Duration = .seconds(60)
    /// Longest time one request may spend, waits included. Default 5 min.
    public var maxRequestTime: Duration = .seconds(300)
    /// Longest total waiting across a run (one client). Default 20 min. A throttled mailbox's pauses count
    /// against that mailbox's pauses since its last success instead (the caller passes them as `runWaited`).
    public var maxRunWait: Duration = .seconds(1200)
    /// Longest pause of a throttled mailbox. Default 10 min, Outlook's window per app and mailbox: a
    /// `Retry-After` up to the window's end is honoured in full, so the request is not throttled again.
    public var maxMailboxPause: Duration = .seconds(600)

    public init() {}

    /// What failed in an attempt.
    public enum Failure: Sendable, Equatable {
        /// An HTTP status, with the parsed `Retry-After` if any.
        case status(Int, retryAfter: Duration?)
        /// No response; `reachedServer` false means the request provably was not sent.
        case transport(reachedServer: Bool)
        /// The response body said the service is throttling (Exchange concurrency message).
        case throttledMessage(retryAfter: Duration?)

        /// True when the service said it is throttling (429, 503 or its message), for the throttled-wait counters.
        public var isThrottling: Bool {
            switch self {
            case .status(let status, _): status == 429 || status == 503
            case .throttledMessage: true
            case .transport: false
            }
        }
    }

    public enum Decision: Sendable, Equatable {
        case retry(after: Duration)
        case giveUp
    }

    /// Statuses worth retrying: timeouts, throttling and gateway errors (502: Microsoft's front door could
    /// not reach the service). A 500 is not retried here: it tends to repeat, and the next run retries it.
    public static let retryableStatuses: Set<Int> = [408, 429, 502, 503, 504]

    /// Whether a request that got `status` may be sent again: a retryable status, and for a request that is not
    /// idempotent (a create) only 429/503, which prove the service did not apply it.
    public static func mayRetry(status: Int, idempotent: Bool) -> Bool {
        retryableStatuses.contains(status) && (idempotent || status == 429 || status == 503)
    }

    /// Decides about attempt `attempt` (1-based) that ended in `failure`.
    ///
    /// Non-idempotent requests are retried only when the failure proves the service did not apply
    /// them: nothing was sent, or the service answered 429/503 (throttled, not processed).
    ///
    /// With `pausesMailbox` (a throttled mailbox request), the wait may reach `maxMailboxPause` and is not
    /// bounded by `maxRequestTime`: the mailbox's window decides, and `runWaited` (its pauses since its last
    /// success) bounds it.
    public func decide(
        attempt: Int,
        failure: Failure,
        idempotent: Bool,
        elapsed: Duration,
        runWaited: Duration,
        jitter: Double,
        pausesMailbox: Bool = false
    ) -> Decision {
        guard attempt < maxAttempts else { return .giveUp }
        let retryAfter: Duration?
        switch failure {
        case .status(let status, let after):
            guard Self.mayRetry(status: status, idempotent: idempotent) else { return .giveUp }
            retryAfter = after
        case .transport(let reachedServer):
            guard idempotent || !reachedServer else { return .giveUp }
            retryAfter = nil
        case .throttledMessage(let after):
            retryAfter = after
        }
        let delay = min(
            retryAfter ?? backoff(attempt: attempt, jitter: jitter),
            pausesMailbox ? maxMailboxPause : maxDelay
        )
        guard pausesMailbox || elapsed + delay <= maxRequestTime, runWaited + delay <= maxRunWait else {
            return .giveUp
        }
        return .retry(after: delay)
    }

    /// Capped exponential backoff with "equal jitter": half fixed, half random.
    public func backoff(attempt: Int, jitter: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        let full = min(baseDelay * (1 << exponent), maxDelay)
        let fraction = min(max(jitter, 0), 1)
        return full / 2 + (full / 2) * fraction
    }
}
