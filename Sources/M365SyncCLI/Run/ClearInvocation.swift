import Foundation
import Logging
import M365Core
import M365Curl
import M365Daemon
import M365Jobs
import M365State

/// One pass of `clear` under the job's lock, with the run history and audit of any run.
struct ClearInvocation: Sendable {
    enum Result: Sendable {
        case finished(RunReport)
        case locked
    }

    let job: JobDefinition
    let configuration: LoadedConfiguration
    let stateStore: StateStore
    let transport: HTTPTransport
    let mailboxes: [String]
    let removeFolder: Bool
    let console: Console

    func perform(dryRun: Bool, logger: Logger) async -> Result {
        let reports = ReportCollector()
        let runner = ClearRunner(
            transport: transport,
            mailboxes: mailboxes,
            removeFolder: removeFolder,
            onReport: reports.append
        )
        let oneShot = OneShotRun(
            runner: runner,
            configuration: configuration,
            stateStore: stateStore,
            lockOwner: "m365sync clear"
        )
        let runID = UUID().uuidString.lowercased()
        let startedAt = Date()
        let result = await oneShot.perform(job, runID: runID, logger: logger, dryRun: dryRun, allowRemovals: true)
        if case .locked(let holder) = result {
            console.error("m365sync: job '\(job.name)' is being run by \(holder); try again later")
            return .locked
        }
        return .finished(
            reports.report(runID: runID, startedAt: startedAt, dryRun: dryRun)
        )
    }
}

/// A runner whose "run" removes the job's own contacts.
struct ClearRunner: JobRunner {
    let transport: HTTPTransport
    let mailboxes: [String]
    let removeFolder: Bool
    let onReport: @Sendable (JobReport) -> Void

    func run(_ job: JobDefinition, context: JobRunContext) async -> RunOutcome {
        let environment = SyncEnvironment(
            configuration: context.configuration,
            transport: transport,
            stateStore: context.stateStore
        )
        let report = await JobExecutor(environment: environment).clear(
            job,
            mailboxes: mailboxes,
            removeFolder: removeFolder,
            options: JobRunOptions(runID: context.runID, logger: context.logger, dryRun: context.dryRun)
        )
        onReport(report)
        return RunOutcome(report)
    }
}
