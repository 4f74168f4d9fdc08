import M365Primitives
import Synchronization

/// Per-run request counters, safe to update from any task.
public final class RequestMetrics: Sendable {
    private let state = Mutex(RequestMetricsSnapshot())

    public init() {}

    /// A copy of the counters now.
    public func snapshot() -> RequestMetricsSnapshot { state.withLock { $0 } }

    /// One HTTP exchange of `kind`; status 0 means no response (transport failure).
    func recordRequest(kind: String, status: Int, bytesSent: Int, bytesReceived: Int) {
        state.withLock { s in
            s.requests += 1
            s.byKind[kind, default: 0] += 1
            s.byStatus[status, default: 0] += 1
            s.byKindAndStatus["\(kind) \(status)", default: 0] += 1
            s.bytesSent += bytesSent
            s.bytesReceived += bytesReceived
        }
    }

    /// One operation carried inside a `$batch`, by kind and inner status.
    func recordBatchItem(kind: String, status: Int) {
        state.withLock { s in
            s.batchItems += 1
            s.batchItemsByKind[kind, default: 0] += 1
            s.byKindAndStatus["\(kind) \(status)", default: 0] += 1
        }
    }

    /// A retry after `wait`; `throttled` when the service asked for it (429, 503, throttling message);
    /// `pausedMailbox` when the wait paused a mailbox (it is not charged to the run's wait budget).
    func recordRetry(wait: Duration, throttled: Bool, pausedMailbox: Bool = false) {
        state.withLock { s in
            s.retries += 1
            s.retryWaitSeconds += wait.timeInterval
            if throttled {
                s.throttled += 1
                s.throttledWaitSeconds += wait.timeInterval
            }
            if pausedMailbox { s.mailboxPauseSeconds += wait.timeInterval }
        }
    }

    /// One request (or one request inside a `$batch`) throttled for the `times`-th time.
    func recordThrottle(times: Int) {
        state.withLock { s in
            if times == 1 { s.throttledRequests += 1 }
            if times == 2 { s.throttledRepeatedly += 1 }
        }
    }

    /// Time spent waiting for retries so far that counts against the run's budget (mailbox pauses do not).
    var waited: Duration {
        .milliseconds(Int64(state.withLock { $0.retryWaitSeconds - $0.mailboxPauseSeconds } * 1000))
    }
}

/// The counters of a run at one moment, for reports and benchmarks.
public struct RequestMetricsSnapshot: Sendable, Equatable, Codable {
    /// HTTP requests sent (a `$batch` counts once), retries included.
    public var requests = 0
    public var byKind: [String: Int] = [:]
    /// By final HTTP status; 0 for no response.
    public var byStatus: [Int: Int] = [:]
    /// "kind status" → count, batch items included.
    public var byKindAndStatus: [String: Int] = [:]
    /// Operations carried in `$batch` requests.
    public var batchItems = 0
    public var batchItemsByKind: [String: Int] = [:]
    public var retries = 0
    public var retryWaitSeconds = 0.0
    /// Retries the service asked for by throttling (429, 503, throttling message).
    public var throttled = 0
    public var throttledWaitSeconds = 0.0
    /// Retry waits that paused a throttled mailbox (part of `retryWaitSeconds`).
    public var mailboxPauseSeconds = 0.0
    /// Requests (each request inside a `$batch` counted) the service throttled at least once.
    public var throttledRequests = 0
    /// Of those, the ones it throttled more than once.
    public var throttledRepeatedly = 0
    public var bytesSent = 0
    public var bytesReceived = 0

    public init() {}
}
