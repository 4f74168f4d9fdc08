import Foundation
import Logging
import M365Core
import M365Curl
import M365Daemon
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
        let console = Console()
        let configuration: LoadedConfiguration
        do {
            configuration = try config.load()
        } catch {
            error.issues.forEach { console.error($0.description) }
            return .configuration
        }
        let jobs: [JobDefinition]
        switch Self.select(selection.jobs, from: configuration.jobs) {
        case .success(let selected): jobs = selected
        case .failure(let message):
            console.error(message.description)
            return .usage
        }
        let logger = CommandLogging.makeLogger(configuration.global.logging, console: console)
        let stateStore: StateStore
        let transport: HTTPTransport
        do {
            stateStore = try StateStore(directory: configuration.global.stateDirectory, logger: logger)
            transport = try HTTPTransport()
        } catch {
            console.error("m365sync: \(error)")
            return .jobFailed
        }

        let reports = ReportCollector()
        let progress = console.isTerminal && !selection.json ? console.progress : nil
        let runner = SyncJobRunner(transport: transport, onReport: reports.append, progress: progress)
        let oneShot = OneShotRun(
            runner: runner,
            configuration: configuration,
            stateStore: stateStore,
            lockOwner: lockOwner
        )
        let runID = UUID().uuidString.lowercased()
        let startedAt = Date()
        var locked: [String] = []
        for job in jobs {
            let result = await oneShot.perform(
                job,
                runID: runID,
                logger: logger,
                dryRun: dryRun,
                allowRemovals: allowRemovals
            )
            if case .locked(let holder) = result {
                console.error("m365sync: job '\(job.name)' is being run by \(holder); try again later")
                locked.append(job.name)
            }
        }
        let report = RunReport(
            runId: runID,
            startedAt: ISO8601DateFormatter().string(from: startedAt),
            finishedAt: ISO8601DateFormatter().string(from: Date()),
            dryRun: dryRun,
            jobs: reports.all
        )
        console.output(selection.json ? ReportJSON.encode(report) : ReportTableRenderer().render(report))
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

/// Collects the job reports handed out by the runner.
final class ReportCollector: Sendable {
    private let reports = Mutex<[JobReport]>([])

    var all: [JobReport] { reports.withLock { $0 } }

    @Sendable func append(_ report: JobReport) {
        reports.withLock { $0.append(report) }
    }
}
