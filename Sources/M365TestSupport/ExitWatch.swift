import Dispatch
import Foundation
import Subprocess
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

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

    /// Records the end (nil when it could not be observed) and calls the waiting handlers; the first report wins.
    func end(_ status: TerminationStatus?) {
        let handlers = state.withLock { value -> [@Sendable () -> Void]? in
            guard !value.ended else { return nil }
            value.ended = true
            value.status = status
            defer { value.handlers = [] }
            return value.handlers
        }
        guard let handlers else { return }
        ended.signal()
        handlers.forEach { $0() }
    }

    /// Reports the end of `pid` from a thread of its own, as soon as the kernel has it.
    ///
    /// swift-subprocess reports the end too, but through a task, which waits for a thread of the cooperative pool;
    /// when long CPU-bound tests hold that pool (2 threads on 2 cores), a test's wait for its child would time out
    /// although the child has ended. `waitid` with `WNOWAIT` leaves the child for swift-subprocess to reap.
    func watch(_ pid: pid_t) {
        let thread = Thread { [self] in
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 {
                guard errno == EINTR else { return }
            }
            let status = info._sifields._sigchld.si_status
            switch Int(info.si_code) {
            case Int(CLD_EXITED): end(.exited(status))
            case Int(CLD_KILLED), Int(CLD_DUMPED): end(.signaled(status))
            default: break
            }
        }
        thread.name = "m365-test-exit-watch"
        thread.start()
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
