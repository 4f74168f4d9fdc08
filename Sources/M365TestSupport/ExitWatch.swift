import Dispatch
import Subprocess
import Synchronization

/// Resumes a continuation once: with the child's pid when it runs, or with why it could not start.
final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<pid_t, any Error>?>

    init(_ continuation: CheckedContinuation<pid_t, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<pid_t, any Error>) {
        continuation.withLock { $0.take() }?.resume(with: result)
    }
}

/// Whether a child has ended (and how), and who waits for it.
final class ExitWatch: Sendable {
    private let state = Mutex<(ended: Bool, status: TerminationStatus?, handlers: [@Sendable () -> Void])>(
        (false, nil, [])
    )
    private let ended = DispatchSemaphore(value: 0)

    var hasEnded: Bool { state.withLock { $0.ended } }

    /// Records the end (nil when it could not be observed) and calls the waiting handlers.
    func end(_ status: TerminationStatus?) {
        let handlers = state.withLock { value in
            value.ended = true
            value.status = status
            defer { value.handlers = [] }
            return value.handlers
        }
        ended.signal()
        handlers.forEach { $0() }
    }

    /// Blocks until the child has ended; how it ended.
    @discardableResult
    func wait() -> TerminationStatus? {
        ended.wait()
        ended.signal()
        return state.withLock { $0.status }
    }

    /// Blocks until the child has ended or `timeout` has passed; true when it has ended.
    func wait(timeout: Duration) -> Bool {
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        guard ended.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .success else { return false }
        ended.signal()
        return true
    }

    func whenEnded(_ handler: @escaping @Sendable () -> Void) {
        let ended = state.withLock { value in
            if !value.ended { value.handlers.append(handler) }
            return value.ended
        }
        if ended { handler() }
    }
}
