import Crypto
import Foundation
import Synchronization

/// The shared state of one simulator: the world behind a lock, the token key and the base URL.
final class SimulatorState: Sendable {
    let world: Mutex<SimulatorWorld>
    let tokenKey = SymmetricKey(size: .bits256)
    private let base = Mutex<String>("")

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
}
