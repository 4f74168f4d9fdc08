import Foundation
import Logging
import M365Core
import M365Daemon
import M365Primitives
import M365State
import Synchronization

/// Runs jobs once, one after the other, each under its lock with run history and audit (`OneShotRun`), and
/// collects their run report: what `run`, `plan`, `clear` and `demo` share.
struct ReportedRun {
    var configuration: LoadedConfiguration
    var stateStore: StateStore
    var lockOwner: String

    /// Runs `jobs`; `makeRunner` gets the callback through which the runner hands over each job's report. A job
    /// locked by another process is said on stderr and listed in `locked`.
    func perform(
        _ jobs: [JobDefinition],
        logger: Logger,
        dryRun: Bool,
        allowRemovals: Bool,
        console: Console,
        makeRunner: (@escaping @Sendable (JobReport) -> Void) -> any JobRunner
    ) async -> (report: RunReport, locked: [String]) {
        let reports = ReportCollector()
        let oneShot = OneShotRun(
            runner: makeRunner(reports.append),
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
        return (reports.report(runID: runID, startedAt: startedAt, dryRun: dryRun), locked)
    }
}

/// Collects the job reports handed out by the runner.
final class ReportCollector: Sendable {
    private let reports = Mutex<[JobReport]>([])

    var all: [JobReport] { reports.withLock { $0 } }

    @Sendable func append(_ report: JobReport) {
        reports.withLock { $0.append(report) }
    }

    /// The run report of the collected jobs, finished now.
    func report(runID: String, startedAt: Date, dryRun: Bool) -> RunReport {
        RunReport(
            runId: runID,
            startedAt: Timestamp.rfc3339(startedAt),
            finishedAt: Timestamp.rfc3339(Date()),
            dryRun: dryRun,
            jobs: all
        )
    }
}
