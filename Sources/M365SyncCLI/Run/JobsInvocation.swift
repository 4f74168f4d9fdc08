import Foundation
import Logging
import M365Core
import M365Curl
import M365Daemon
import M365Jobs
import M365Logging
import M365State
import Synchronization

/// Runs the selected jobs once and prints their report: the body of `run` and `plan`.
struct JobsInvocation {
    var config: ConfigOptions
    var selection: RunSelectionOptions
    var dryRun: Bool
    var allowRemovals: Bool
    var lockOwner: String

    func execute() async -> ExitStatus {
        HeapTrim.fixThresholds()
        let console = Console()
        let prepared: PreparedCommand
        switch PreparedCommand.prepare(config, jobs: selection.jobs, console: console) {
        case .success(let ready): prepared = ready
        case .failure(let failure): return failure.status
        }
        let (logger, stateStore, transport) = (
            prepared.resources.logger, prepared.resources.stateStore, prepared.resources.transport
        )
        let progress = console.isTerminal && !selection.json ? console.progress : nil
        let (report, locked) = await ReportedRun(
            configuration: prepared.configuration,
            stateStore: stateStore,
            lockOwner: lockOwner
        ).perform(prepared.jobs, logger: logger, dryRun: dryRun, allowRemovals: allowRemovals, console: console) {
            SyncJobRunner(transport: transport, onReport: $0, progress: progress, actionLimit: selection.actionLimit)
        }
        if selection.json {
            console.outputJSON(report)
        } else {
            console.output(ReportTableRenderer().render(report))
        }
        if !locked.isEmpty, report.exitCode == 0 { return .locked }
        return ExitStatus(rawValue: report.exitCode) ?? .jobFailed
    }

    /// The jobs named on the command line (any, enabled or not), or every enabled job.
    static func select(_ names: [String], from jobs: [JobDefinition]) -> Result<[JobDefinition], SelectionError> {
        guard !names.isEmpty else { return .success(jobs.filter(\.enabled)) }
        var selected: [JobDefinition] = []
        for name in names {
            guard let job = jobs.first(where: { $0.name == name }) else {
                let known = jobs.map(\.name).joined(separator: ", ")
                return .failure(SelectionError(description: "m365sync: no job named '\(name)' (jobs: \(known))"))
            }
            selected.append(job)
        }
        return .success(selected)
    }

    struct SelectionError: Error, CustomStringConvertible {
        var description: String
    }
}
