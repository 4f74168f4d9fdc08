import Logging
import M365Core
import M365Logging

/// The log backends as the daemon uses them: make loggers, follow a reload, reopen files.
public protocol DaemonLogging: Sendable {
    /// A logger writing to the backends.
    func logger(label: String) -> Logger
    /// Puts a changed `logging` section in force; on error the backends stay as they were.
    func apply(_ configuration: LoggingConfiguration) throws
    /// Reopens log files (after SIGHUP, so that an external logrotate works).
    func reopenFiles()
    /// Pushes buffered lines out.
    func flush()
}

extension LogBackends: DaemonLogging {
    public func logger(label: String) -> Logger {
        makeLogger(label: label)
    }

    public func apply(_ configuration: LoggingConfiguration) throws {
        try reconfigure(configuration)
    }
}
