import Crypto
import Foundation
import Synchronization

/// The shared state of one simulator: the world behind a lock, the token key and the base URL.
final class SimulatorState: Sendable {
    let world: Mutex<SimulatorWorld>
    let tokenKey = SymmetricKey(size: .bits256)
    private let base = Mutex<String>("")
    private let waiters = Mutex(LogWaiters())
    private let nextWaiter = Atomic<Int>(0)

    /// A test waiting for a request to be logged.
    private struct LogWaiter {
        var id: Int
        var predicate: @Sendable (RequestLogEntry) -> Bool
        var continuation: CheckedContinuation<RequestLogEntry?, Never>
    }

    /// The waiters, and the ids whose wait ended (timeout or cancellation) before they were registered.
    private struct LogWaiters {
        var list: [LogWaiter] = []
        var ended: Set<Int> = []
    }

    init(options: SimulatorOptions) {
        self.world = Mutex(SimulatorWorld(options: options))
    }

    /// The base URL once the server is bound, e.g. `http://127.0.0.1:8443`.
    var baseURL: String {
        get { base.withLock { $0 } }
        set { base.withLock { $0 = newValue } }
    }

    /// Wall clock plus the simulated offset, in seconds.
    func now() -> Double {
        Date().timeIntervalSince1970 + world.withLock { $0.clockOffset }
    }

    func withWorld<T: Sendable, E: Error>(_ body: (inout SimulatorWorld) throws(E) -> T) throws(E) -> T {
        try world.withLock { world throws(E) in try body(&world) }
    }

    /// Logs `entry` and wakes the waiters it satisfies.
    func record(_ entry: RequestLogEntry) {
        let recorded = world.withLock { $0.record(entry) }
        // Each predicate sees each entry once (a predicate may count what it sees).
        let satisfied = waiters.withLock { waiters in
            var hits: [LogWaiter] = []
            waiters.list.removeAll { waiter in
                guard waiter.predicate(recorded) else { return false }
                hits.append(waiter)
                return true
            }
            return hits
        }
        for waiter in satisfied { waiter.continuation.resume(returning: recorded) }
    }

    /// The first logged request (since the log was last cleared) that satisfies `predicate`, waiting up to
    /// `timeout` for it; nil when none came.
    func waitForRequest(
        timeout: Duration,
        where predicate: @escaping @Sendable (RequestLogEntry) -> Bool
    ) async -> RequestLogEntry? {
        let id = nextWaiter.add(1, ordering: .relaxed).newValue
        let timer = Task {
            try? await Task.sleep(for: timeout)
            let expired = waiters.withLock { waiters in
                guard let index = waiters.list.firstIndex(where: { $0.id == id }) else {
                    waiters.ended.insert(id)
                    return LogWaiter?.none
                }
                return waiters.list.remove(at: index)
            }
            expired?.continuation.resume(returning: nil)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // The log is searched and the waiter added under the world's lock, so no entry slips in between.
                let logged = world.withLock { world -> RequestLogEntry?? in
                    if let found = world.log.first(where: predicate) { return .some(found) }
                    return waiters.withLock { waiters in
                        // The wait already ended (cancelled before it began): answer nil at once.
                        if waiters.ended.remove(id) != nil { return .some(nil) }
                        waiters.list.append(LogWaiter(id: id, predicate: predicate, continuation: continuation))
                        return .none
                    }
                }
                if let logged { continuation.resume(returning: logged) }
            }
        } onCancel: {
            timer.cancel()
        }
    }
}
