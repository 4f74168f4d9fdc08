import ArgumentParser
import Foundation
import M365Core
import M365Daemon

/// `--config DIR`, shared by every command that reads the configuration.
public struct ConfigOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "Configuration directory (default: $\(ConfigurationLoader.directoryEnvironmentVariable), else \(ConfigurationLoader.defaultDirectory)).",
            valueName: "DIR"
        )
    )
    public var directory: String?

    public init() {}

    /// The directory to use: `--config`, else `$M365SYNC_CONFIG`, else `/etc/m365sync`. The one place this is decided.
    public func resolvedDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let directory, !directory.isEmpty { return directory }
        if let fromEnvironment = environment[ConfigurationLoader.directoryEnvironmentVariable], !fromEnvironment.isEmpty
        {
            return fromEnvironment
        }
        return ConfigurationLoader.defaultDirectory
    }

    /// Loads and validates the configuration the options point at.
    public func load(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError)
        -> LoadedConfiguration
    {
        try ConfigurationLoader.load(directory: resolvedDirectory(environment: environment), environment: environment)
    }
}
