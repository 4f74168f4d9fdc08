import Logging
import Synchronization

/// The current backends, shared by every handler of one `LogBackends`, replaceable on reload.
final class LogSinkSet: Sendable {
    private let sinks: Mutex<[any LogSink]>

    init(_ sinks: [any LogSink]) {
        self.sinks = Mutex(sinks)
    }

    /// The backends in force now.
    var current: [any LogSink] { sinks.withLock { $0 } }

    /// The lowest level any backend writes; `.critical` when there is none.
    var minimum: Logger.Level { sinks.withLock { $0.map(\.threshold).min() ?? .critical } }

    /// Puts `replacement` in force for every handler at once.
    func replace(with replacement: [any LogSink]) {
        sinks.withLock { $0 = replacement }
    }
}
