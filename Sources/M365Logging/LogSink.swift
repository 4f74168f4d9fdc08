import Logging
import M365Core

/// One log backend: writes records at or above its own threshold.
protocol LogSink: Sendable {
    /// The lowest level this backend writes.
    var threshold: Logger.Level { get }
    func write(_ record: LogRecord)
    /// Reopens files after an external rotation (SIGHUP); no-op for other backends.
    func reopen()
    func flush()
}

extension LogLevelName {
    /// The swift-log level of the same name.
    public var loggerLevel: Logger.Level {
        switch self {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}
