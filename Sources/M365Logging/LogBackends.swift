import Logging
import M365Core

#if canImport(Glibc)
import Glibc
#endif

/// The configured log backends (journald, rotating file, stderr), shared by every logger of the process.
public struct LogBackends: Sendable {
    /// The journal's `SYSLOG_IDENTIFIER`.
    public static let syslogIdentifier = "m365sync"

    private let sinks: LogSinkSet
    private let interactive: Bool
    private let standardErrorDescriptor: Int32
    private let identifier: String
    /// Label of the loggers this value was made for.
    public let label: String

    /// Opens the enabled backends; `interactive` turns stderr on even when the configuration has it off.
    public init(configuration: LoggingConfiguration, label: String, interactive: Bool) throws(LoggingSetupError) {
        try self.init(
            configuration: configuration,
            label: label,
            interactive: interactive,
            standardErrorDescriptor: STDERR_FILENO
        )
    }

    /// Like the public initializer, with stderr lines written to `standardErrorDescriptor` (tests capture them).
    public init(
        configuration: LoggingConfiguration,
        label: String,
        interactive: Bool,
        standardErrorDescriptor: Int32,
        syslogIdentifier: String = LogBackends.syslogIdentifier
    ) throws(LoggingSetupError) {
        self.interactive = interactive
        self.standardErrorDescriptor = standardErrorDescriptor
        self.identifier = syslogIdentifier
        self.label = label
        self.sinks = LogSinkSet([])
        sinks.replace(with: try makeSinks(configuration))
    }

    /// Puts a new logging configuration in force for every logger already made (SIGHUP reload).
    ///
    /// On error the backends in force stay as they were.
    public func reconfigure(_ configuration: LoggingConfiguration) throws(LoggingSetupError) {
        sinks.replace(with: try makeSinks(configuration))
    }

    private func makeSinks(_ configuration: LoggingConfiguration) throws(LoggingSetupError) -> [any LogSink] {
        var made: [any LogSink] = []
        if configuration.journald.enabled {
            made.append(JournalLogSink(threshold: configuration.journald.level.loggerLevel, identifier: identifier))
        }
        let file = configuration.file
        if file.enabled {
            made.append(
                try RotatingFileLogSink(
                    path: file.path,
                    threshold: file.level.loggerLevel,
                    maxBytes: file.maxBytes,
                    maxFiles: file.maxFiles
                )
            )
        }
        if configuration.stderr.enabled || interactive {
            made.append(
                StandardErrorLogSink(
                    threshold: configuration.stderr.level.loggerLevel,
                    descriptor: standardErrorDescriptor
                )
            )
        }
        return made
    }

    /// A handler writing to every enabled backend at its own level (for `LoggingSystem.bootstrap`), adding
    /// `metadataProvider`'s metadata when there is one.
    public func makeHandler(label: String, metadataProvider: Logger.MetadataProvider? = nil) -> any LogHandler {
        BackendsLogHandler(label: label, sinks: sinks, metadataProvider: metadataProvider)
    }

    /// A logger over these backends, without touching the global logging system.
    public func makeLogger(label: String? = nil) -> Logger {
        Logger(label: label ?? self.label) { label in makeHandler(label: label) }
    }

    /// Reopens the log file, e.g. after SIGHUP or an external logrotate.
    public func reopenFiles() {
        for sink in sinks.current { sink.reopen() }
    }

    /// Pushes buffered lines to disk.
    public func flush() {
        for sink in sinks.current { sink.flush() }
    }

    /// Whether any backend is enabled.
    public var isEmpty: Bool { sinks.current.isEmpty }
}
