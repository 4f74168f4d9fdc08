import Dispatch
import Foundation

/// Ctrl-C or SIGTERM during the demo: stop the simulator, remove the temporary folder, exit 130 or 143.
/// (A SIGKILL cannot be caught; the simulator still stops because its standard input closes.)
final class DemoInterruption {
    private let sources: [any DispatchSourceSignal]

    init(cleanup: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "m365sync.demo.signals")
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                cleanup()
                // _exit: no atexit handlers or static destructors while other threads still run.
                _exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Restores the default actions once the demo has cleaned up by itself.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
