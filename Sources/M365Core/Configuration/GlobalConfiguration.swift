/// Settings from `m365sync.json`: where state lives, how many jobs run at once, logging, metrics and tenants.
public struct GlobalConfiguration: Sendable, Equatable {
    /// Folder of the state database (systemd `StateDirectory=`). Default `/var/lib/m365sync`.
    public var stateDirectory: String
    /// How many jobs may run at the same time. Default 2, range 1–64.
    public var maxConcurrentJobs: Int
    public var logging: LoggingConfiguration
    /// Where to write Prometheus metrics; nil (the default) writes none.
    public var metrics: MetricsConfiguration?
    /// Tenants by the name jobs refer to them with.
    public var tenants: [String: TenantConfiguration]

    public init(
        stateDirectory: String = "/var/lib/m365sync",
        maxConcurrentJobs: Int = 2,
        logging: LoggingConfiguration = LoggingConfiguration(),
        metrics: MetricsConfiguration? = nil,
        tenants: [String: TenantConfiguration] = [:]
    ) {
        self.stateDirectory = stateDirectory
        self.maxConcurrentJobs = maxConcurrentJobs
        self.logging = logging
        self.metrics = metrics
        self.tenants = tenants
    }
}

/// Severity threshold of a log backend; the names of swift-log's levels.
public enum LogLevelName: String, Sendable, Equatable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

/// The three log backends and their switches.
public struct LoggingConfiguration: Sendable, Equatable {
    public var journald: LogBackendSettings
    public var file: FileLogSettings
    public var stderr: LogBackendSettings

    public init(
        journald: LogBackendSettings = LogBackendSettings(enabled: true, level: .info),
        file: FileLogSettings = FileLogSettings(),
        stderr: LogBackendSettings = LogBackendSettings(enabled: false, level: .info)
    ) {
        self.journald = journald
        self.file = file
        self.stderr = stderr
    }
}

public struct LogBackendSettings: Sendable, Equatable {
    public var enabled: Bool
    public var level: LogLevelName

    public init(enabled: Bool, level: LogLevelName) {
        self.enabled = enabled
        self.level = level
    }
}

/// The rotating file log.
public struct FileLogSettings: Sendable, Equatable {
    public var enabled: Bool
    /// Absolute path after loading (relative paths resolve against the config directory).
    public var path: String
    public var level: LogLevelName
    /// Size at which the file is rotated. Default 10 MiB.
    public var maxBytes: Int
    /// Rotated files kept (`m365sync.log.1` … `.N`). Default 5.
    public var maxFiles: Int

    public init(
        enabled: Bool = true,
        path: String = "/var/log/m365sync/m365sync.log",
        level: LogLevelName = .info,
        maxBytes: Int = 10_485_760,
        maxFiles: Int = 5
    ) {
        self.enabled = enabled
        self.path = path
        self.level = level
        self.maxBytes = maxBytes
        self.maxFiles = maxFiles
    }
}
