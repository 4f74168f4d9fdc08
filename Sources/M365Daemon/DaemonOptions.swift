import Foundation
import M365Core
import M365Logging
import M365Systemd

/// How a daemon is put together; the defaults are those of `m365sync daemon`.
public struct DaemonOptions: Sendable {
    /// Loads and validates the configuration; called at start and on every reload.
    public var loadConfiguration: @Sendable () throws(ConfigurationError) -> LoadedConfiguration
    /// Builds the log backends from the configuration loaded at start.
    public var makeLogging: @Sendable (LoggingConfiguration) throws -> any DaemonLogging
    /// Runs the jobs.
    public var runner: any JobRunner
    public var clock: any SchedulerClock
    /// Talks to systemd; a no-op without `NOTIFY_SOCKET`.
    public var notifier: SystemdNotifier
    /// Install handlers for SIGHUP, SIGUSR1, SIGTERM and SIGINT (off for in-process tests, which call `deliver`).
    public var trapsSignals: Bool
    /// How long running jobs get to finish after a stop request before the daemon gives up on them.
    public var stopGracePeriod: Duration
    /// How long the daemon waits, once no run is going, before it frees caches and trims the heap.
    public var memoryReleaseDelay: Duration = .seconds(1)
    /// Seed of the jitter generator; random when nil.
    public var randomSeed: UInt64?
    /// Retry delays after failed runs.
    public var backoff: SchedulerBackoff
    /// Written into job locks so that `m365sync run` can say who holds a job.
    public var lockOwner: String
    /// Receives each configuration error line when the configuration at start is invalid (stderr by default).
    public var reportStartError: @Sendable (String) -> Void

    public init(
        loadConfiguration: @escaping @Sendable () throws(ConfigurationError) -> LoadedConfiguration,
        runner: any JobRunner,
        makeLogging: @escaping @Sendable (LoggingConfiguration) throws -> any DaemonLogging = Self.standardLogging,
        clock: any SchedulerClock = SystemSchedulerClock(),
        notifier: SystemdNotifier = SystemdNotifier(),
        trapsSignals: Bool = true,
        stopGracePeriod: Duration = .seconds(25),
        randomSeed: UInt64? = nil,
        backoff: SchedulerBackoff = SchedulerBackoff(),
        lockOwner: String = "m365sync daemon",
        reportStartError: @escaping @Sendable (String) -> Void = Self.writeToStandardError
    ) {
        self.loadConfiguration = loadConfiguration
        self.runner = runner
        self.makeLogging = makeLogging
        self.clock = clock
        self.notifier = notifier
        self.trapsSignals = trapsSignals
        self.stopGracePeriod = stopGracePeriod
        self.randomSeed = randomSeed
        self.backoff = backoff
        self.lockOwner = lockOwner
        self.reportStartError = reportStartError
    }

    /// The journald, file and stderr backends as configured; stderr is added when running on a terminal.
    public static func standardLogging(_ configuration: LoggingConfiguration) throws -> any DaemonLogging {
        try LogBackends(configuration: configuration, label: "m365sync", interactive: isatty(STDERR_FILENO) == 1)
    }

    /// Writes `line` and a newline to stderr.
    public static func writeToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
