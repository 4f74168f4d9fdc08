import Dispatch
import Foundation
import M365Primitives

/// Catches SIGTERM and SIGINT from the moment it is installed, and optionally the end of standard input;
/// `wait()` returns once one of them arrived.
final class StopSignal: @unchecked Sendable {
    private let (stops, stop) = AsyncStream.makeStream(of: Void.self)
    private var trap: SignalTrap?

    /// Installs the handlers (call first thing, so an early signal is not lost or fatal).
    static func install() -> StopSignal {
        let waiter = StopSignal()
        waiter.trap = SignalTrap([SIGTERM, SIGINT], queue: DispatchQueue(label: "m365sim.signals")) { _ in
            waiter.fire()
        }
        return waiter
    }

    /// Also stops when standard input reaches its end: a parent that holds the write end of a pipe and dies
    /// (even by SIGKILL) closes it, so the simulator does not outlive it.
    func watchStandardInput() {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 512)
            while true {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count > 0 || (count < 0 && errno == EINTR) { continue }
                break
            }
            fire()
        }
    }

    private func fire() {
        stop.yield()
    }

    /// Returns once a signal arrived or standard input ended (at once when that happened already).
    func wait() async {
        for await _ in stops { return }
    }
}
