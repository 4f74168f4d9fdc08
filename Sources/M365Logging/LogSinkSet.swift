import Logging
import Synchronization

/// The current backends, shared by every handler of one `LogBackends`, replaceable on reload.
final class LogSinkSet: Sendable {
    private let sinks: Mutex<[any LogSink]>
    private let minimumLevel: Atomic<Int>

    init(_ sinks: [any LogSink]) {
        self.sinks = Mutex(sinks)
        self.minimumLevel = Atomic(Self.index(of: Self.minimum(sinks)))
    }

    /// The backends in force now.
    var current: [any LogSink] { sinks.withLock { $0 } }

    /// The lowest level any backend writes; `.critical` when there is none.
    var minimum: Logger.Level { Self.levels[minimumLevel.load(ordering: .relaxed)] }

    /// Puts `replacement` in force for every handler at once.
    func replace(with replacement: [any LogSink]) {
        sinks.withLock { sinks in
            sinks = replacement
            minimumLevel.store(Self.index(of: Self.minimum(replacement)), ordering: .relaxed)
        }
    }

    private static let levels = Logger.Level.allCases

    private static func minimum(_ sinks: [any LogSink]) -> Logger.Level {
        sinks.map(\.threshold).min() ?? .critical
    }

    private static func index(of level: Logger.Level) -> Int {
        levels.firstIndex(of: level) ?? levels.count - 1
    }
}
