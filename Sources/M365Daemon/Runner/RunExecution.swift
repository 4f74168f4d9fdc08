import Foundation
import Logging
import M365Core
import M365Jobs
import M365Logging
import M365State

/// How an attempt to run a job ended.
public enum RunAttempt: Sendable {
    /// The runner ran and returned this outcome.
    case finished(RunOutcome)
    /// Another process (typically the daemon) holds the job's lock; `holder` says who. Nothing was run.
    case locked(holder: String)
}

/// One run of one job from lock to record: takes the job lock, records the start, calls the runner,
/// records and audits the outcome, releases the lock.
struct RunExecution: Sendable {
    var job: JobDefinition
    var context: JobRunContext
    var runner: any JobRunner
    var lockOwner: String
    /// The folder of the state store, where the lock files live.
    var stateDirectory: String

    func perform() async -> RunAttempt {
        let logger = context.options.logger
        let lock: JobLock
        do {
            lock = try JobLock.acquire(
                job: job.name,
                stateDirectory: stateDirectory,
                owner: lockOwner
            )
        } catch {
            if error.isHeldByAnother {
                logger.audit(.jobLocked, metadata: ["holder": .string(error.holder?.description ?? "unknown")])
                return .locked(holder: error.holder?.description ?? "unknown")
            }
            let outcome = RunOutcome(status: .failed, error: error.description)
            logger.audit(.runFailed, metadata: ["status": "failed", "error": .string(error.description)])
            return .finished(outcome)
        }
        defer { lock.release() }
        record("record run start") { (store) throws(StateStoreError) in
            try store.recordRunStarted(job: job.name, runId: context.options.runID, at: Date())
        }
        logger.audit(
            .runStarted,
            metadata: [
                "trigger": .string(context.trigger.description), "kind": .string(job.kind.rawValue),
                "dry_run": .stringConvertible(context.options.dryRun),
            ]
        )
        let outcome = await runner.run(job, context: context)
        if Task.isCancelled {
            logger.info("Run wound down after a stop request", metadata: ["status": .string(outcome.status.rawValue)])
        }
        record("record run end") { (store) throws(StateStoreError) in
            try store.recordRunFinished(job: job.name, runId: context.options.runID, at: Date(), outcome: outcome)
        }
        audit(outcome)
        return .finished(outcome)
    }

    private func audit(_ outcome: RunOutcome) {
        let counts = outcome.counts
        var metadata: Logger.Metadata = [
            "status": .string(outcome.status.rawValue),
            "added": .stringConvertible(counts.add), "updated": .stringConvertible(counts.update),
            "removed": .stringConvertible(counts.remove), "unchanged": .stringConvertible(counts.unchanged),
            "failed": .stringConvertible(counts.failed), "blocked": .stringConvertible(counts.blocked),
        ]
        if let error = outcome.error { metadata["error"] = .string(error) }
        let event: AuditEvent = outcome.status == .failed ? .runFailed : .runFinished
        context.options.logger.audit(event, metadata: metadata)
    }

    private func record(_ operation: String, _ body: (StateStore) throws(StateStoreError) -> Void) {
        do {
            try body(context.stateStore)
        } catch {
            context.options.logger.warning(
                "Cannot write the run history",
                metadata: ["operation": .string(operation), "error": .string(error.description)]
            )
        }
    }
}
