import Dispatch
import Foundation
import M365Primitives

/// Ctrl-C or SIGTERM during the demo: stop the simulator, remove the temporary folder, exit 130 or 143.
/// (A SIGKILL cannot be caught; the simulator still stops because its standard input closes.)
final class DemoInterruption {
    private let trap: SignalTrap

    init(cleanup: @escaping @Sendable () -> Void) {
        trap = SignalTrap([SIGINT, SIGTERM], queue: DispatchQueue(label: "m365sync.demo.signals")) { number in
            cleanup()
            // _exit: no atexit handlers or static destructors while other threads still run.
            _exit(128 + number)
        }
    }

    /// Restores the default actions once the demo has cleaned up by itself.
    func cancel() {
        trap.cancel(restoringDefaults: true)
    }
}
