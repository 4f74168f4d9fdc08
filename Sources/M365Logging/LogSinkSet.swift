import Logging
import Synchronization

/// The current backends, shared by every handler of one `LogBackends`, replaceable on reload.
final class LogSinkSet: Sendable {
    /// The backends, and the lowest level any of them writes (read on every log call, so kept, not derived there).
    private let state: Mutex<(sinks: [any LogSink], minimum: Logger.Level)>

    init(_ sinks: [any LogSink]) {
        state = Mutex((sinks, Self.minimum(of: sinks)))
    }

    /// The backends in force now.
    var current: [any LogSink] { state.withLock { $0.sinks } }

    /// The lowest level any backend writes; `.critical` when there is none.
    var minimum: Logger.Level { state.withLock { $0.minimum } }

    /// Puts `replacement` in force for every handler at once.
    func replace(with replacement: [any LogSink]) {
        let minimum = Self.minimum(of: replacement)
        state.withLock { $0 = (replacement, minimum) }
    }

    private static func minimum(of sinks: [any LogSink]) -> Logger.Level {
        sinks.map(\.threshold).min() ?? .critical
    }
}
