import ArgumentParser
import Foundation
import M365State
import M365Core

/// `m365sync status`: per job, the last run and the next scheduled run.
public struct StatusCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each job's last run (start, end, result, counts) and its next scheduled run.",
        discussion: """
            Reads the state database under stateDirectory without changing anything. A job is "running" while \
            a process holds its lock, and "interrupted" when its last run never recorded an end.
            """
    )

    @OptionGroup public var config: ConfigOptions

    @Flag(help: "Print the status as JSON on stdout.")
    public var json = false

    public init() {}

    public func run() throws {
        let loaded: LoadedConfiguration
        do {
            loaded = try config.load()
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitStatus.configuration.exitCode
        }
        let report: StatusReport
        do {
            report = try StatusReport.make(configuration: loaded)
        } catch {
            FileHandle.standardError.write(Data("m365sync: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
        let output = json ? try report.json() + "\n" : report.table()
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
