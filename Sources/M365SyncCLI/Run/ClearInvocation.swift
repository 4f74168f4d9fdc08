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
        let (report, locked) = await ReportedRun(
            configuration: configuration,
            stateStore: stateStore,
            lockOwner: "m365sync clear"
        ).perform([job], logger: logger, dryRun: dryRun, allowRemovals: true, console: console) {
            ClearRunner(transport: transport, mailboxes: mailboxes, removeFolder: removeFolder, onReport: $0)
        }
        return locked.isEmpty ? .finished(report) : .locked
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
            options: context.options
        )
        onReport(report)
        return RunOutcome(report)
    }
}
