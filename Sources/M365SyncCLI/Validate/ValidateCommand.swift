import ArgumentParser
import Foundation
import M365Core

/// `m365sync validate`: checks the whole configuration offline.
public struct ValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the configuration offline and list every problem.",
        discussion: """
            Reads m365sync.json and jobs.d/*.json, checks every key, value, tenant reference and credential file, \
            and exits 0 when the configuration can be used, or 78 after listing every error.
            """
    )

    @OptionGroup public var config: ConfigOptions

    @Flag(help: "Print the result as JSON on stdout.")
    public var json = false

    public init() {}

    public func run() throws {
        let report = validate(environment: ProcessInfo.processInfo.environment)
        if !report.standardOutput.isEmpty {
            FileHandle.standardOutput.write(Data(report.standardOutput.utf8))
        }
        if !report.standardError.isEmpty {
            FileHandle.standardError.write(Data(report.standardError.utf8))
        }
        if report.status != .success { throw report.status.exitCode }
    }

    /// Loads the configuration and renders the result, without printing.
    public func validate(environment: [String: String]) -> ValidationReport {
        let directory = config.resolvedDirectory(environment: environment)
        let outcome: Result<LoadedConfiguration, ConfigurationError>
        do {
            outcome = .success(try config.load(environment: environment))
        } catch {
            outcome = .failure(error)
        }
        return json
            ? ValidationReport.json(outcome, directory: directory)
            : ValidationReport.text(outcome, directory: directory)
    }
}
