import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Routes signals to a handler on a Dispatch queue instead of their default action: the one way the daemon,
/// the demo and the simulator catch signals.
///
/// Each signal's disposition is set to ignore before its source exists, so a signal that arrives while the trap
/// is being set up is neither fatal nor lost to a default action. The sources live as long as the trap.
/// Unchecked: every stored property is set once in `init`; Dispatch sources may be cancelled from any thread.
public final class SignalTrap: @unchecked Sendable {
    private let signals: [Int32]
    private let sources: [any DispatchSourceSignal]
    private let registration = DispatchGroup()
    private let queue: DispatchQueue

    /// Traps `signals`; `handler` runs on `queue` with the signal's number.
    public init(_ signals: [Int32], queue: DispatchQueue, handler: @escaping @Sendable (Int32) -> Void) {
        self.queue = queue
        self.signals = signals
        let registration = self.registration
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            registration.enter()
            source.setRegistrationHandler { registration.leave() }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }

    /// Returns once every source is registered, so a signal sent from now on reaches the handler.
    public func registered() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            registration.notify(queue: queue) { continuation.resume() }
        }
    }

    /// Stops handling; the signals stay ignored, or get their default action back with `restoringDefaults`.
    public func cancel(restoringDefaults: Bool = false) {
        sources.forEach { $0.cancel() }
        if restoringDefaults { signals.forEach { signal($0, SIG_DFL) } }
    }
}
