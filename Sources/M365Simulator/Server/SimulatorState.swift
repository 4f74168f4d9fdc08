import Crypto
import Foundation
import Synchronization

/// The shared state of one simulator: the world behind a lock, the token key and the base URL.
final class SimulatorState: Sendable {
    let world: Mutex<SimulatorWorld>
    let tokenKey = SymmetricKey(size: .bits256)
    private let base = Mutex<String>("")
    private let waiters = Mutex<[LogWaiter]>([])
    private let nextWaiter = Atomic<Int>(0)

    /// A test waiting for a request to be logged.
    private struct LogWaiter {
        var id: Int
        var predicate: @Sendable (RequestLogEntry) -> Bool
        var continuation: CheckedContinuation<RequestLogEntry?, Never>
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

    func withWorld<T: Sendable>(_ body: (inout SimulatorWorld) -> T) -> T {
        world.withLock { body(&$0) }
    }

    /// Logs `entry` and wakes the waiters it satisfies.
    func record(_ entry: RequestLogEntry) {
        let recorded = world.withLock { $0.record(entry) }
        let satisfied = waiters.withLock { list in
            let hits = list.filter { $0.predicate(recorded) }
            list.removeAll { $0.predicate(recorded) }
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
            let expired = waiters.withLock { list in
                defer { list.removeAll { $0.id == id } }
                return list.first { $0.id == id }
            }
            expired?.continuation.resume(returning: nil)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            // The log is searched and the waiter added under the world's lock, so no entry slips in between.
            let logged = world.withLock { world -> RequestLogEntry? in
                if let found = world.log.first(where: predicate) { return found }
                waiters.withLock {
                    $0.append(LogWaiter(id: id, predicate: predicate, continuation: continuation))
                }
                return nil
            }
            if let logged { continuation.resume(returning: logged) }
        }
    }
}
