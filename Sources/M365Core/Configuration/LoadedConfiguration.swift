/// A configuration directory, loaded and validated.
public struct LoadedConfiguration: Sendable, Equatable {
    /// Absolute path of the configuration directory.
    public var directory: String
    public var global: GlobalConfiguration
    /// Every job, enabled or not, sorted by name.
    public var jobs: [JobDefinition]
    /// Things that load but deserve attention (e.g. `ownership: domain`).
    public var warnings: [ConfigurationIssue]

    public init(
        directory: String,
        global: GlobalConfiguration,
        jobs: [JobDefinition],
        warnings: [ConfigurationIssue] = []
    ) {
        self.directory = directory
        self.global = global
        self.jobs = jobs
        self.warnings = warnings
    }
}
