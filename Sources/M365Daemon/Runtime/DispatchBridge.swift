import Dispatch
import M365Core
import M365Primitives

/// The one place Dispatch meets the daemon: signal sources, the scheduler timer and the watchdog timer,
/// all on one private serial queue. Handlers run on that queue; everything is cancelled on `cancel()` or deinit.
final class DispatchBridge: @unchecked Sendable {
    /// The serial queue all handlers run on; the daemon keeps its state confined to it.
    let queue: DispatchQueue
    private let clock: any SchedulerClock
    // Confined to `queue`, except in `deinit`.
    private var signalTraps: [SignalTrap] = []
    private var timer: (any DispatchSourceTimer)?
    private var watchdog: (any DispatchSourceTimer)?

    init(label: String, clock: any SchedulerClock) {
        self.queue = DispatchQueue(label: label)
        self.clock = clock
    }

    deinit {
        cancelSources()
    }

    /// Routes `signals` to `handler` instead of their default action; returns once the sources are registered.
    func trapSignals(_ signals: [DaemonSignal], handler: @escaping @Sendable (DaemonSignal) -> Void) async {
        let trap = SignalTrap(signals.map(\.number), queue: queue) { number in
            DaemonSignal(number: number).map(handler)
        }
        queue.sync { signalTraps.append(trap) }
        await trap.registered()
    }

    /// Arms the scheduler timer for `instant`, replacing the previous deadline and handler. Call on `queue`.
    func armTimer(at instant: SchedulerInstant, handler: @escaping @Sendable () -> Void) {
        dispatchPrecondition(condition: .onQueue(queue))
        let timer = self.timer ?? makeTimer()
        timer.setEventHandler(handler: handler)
        let delay = max(.zero, instant - clock.now())
        timer.schedule(deadline: .now() + .nanoseconds(Int(delay.nanosecondsClamped)), leeway: .milliseconds(50))
    }

    /// Disarms the scheduler timer. Call on `queue`.
    func disarmTimer() {
        dispatchPrecondition(condition: .onQueue(queue))
        timer?.schedule(deadline: .distantFuture)
    }

    /// Calls `ping` every `interval` on `queue`, so pings stop when the queue is stuck.
    func startWatchdog(every interval: Duration, ping: @escaping @Sendable () -> Void) {
        dispatchPrecondition(condition: .onQueue(queue))
        watchdog?.cancel()
        let nanoseconds = Int(max(interval, .milliseconds(1)).nanosecondsClamped)
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.setEventHandler(handler: ping)
        source.schedule(deadline: .now(), repeating: .nanoseconds(nanoseconds), leeway: .milliseconds(10))
        source.resume()
        watchdog = source
    }

    /// Cancels every source; later signals keep being ignored. Call on `queue`.
    func cancel() {
        dispatchPrecondition(condition: .onQueue(queue))
        cancelSources()
    }

    private func cancelSources() {
        signalTraps.forEach { $0.cancel() }
        signalTraps = []
        timer?.cancel()
        timer = nil
        watchdog?.cancel()
        watchdog = nil
    }

    private func makeTimer() -> any DispatchSourceTimer {
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .distantFuture)
        source.resume()
        timer = source
        return source
    }
}
