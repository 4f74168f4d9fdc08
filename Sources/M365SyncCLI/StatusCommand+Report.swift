import Foundation
import M365Core
import M365State

/// What `m365sync status` shows: per configured job, its last run and its next scheduled run.
public struct StatusReport: Sendable, Equatable, Encodable {
    /// One job's line.
    public struct Job: Sendable, Equatable, Encodable {
        public var job: String
        public var kind: String
        public var enabled: Bool
        /// `running`, `succeeded`, `failed`, `partial`, `blockedBySafety`, `interrupted`, or `never`.
        public var state: String
        public var lastRun: LastRun?
        /// The process running the job now, if any.
        public var runningIn: JobLockHolder?
        /// When the daemon will next run the job; nil when not scheduled or no daemon has said.
        public var nextRunAt: Date?
    }

    public struct LastRun: Sendable, Equatable, Encodable {
        public var runId: String
        public var startedAt: Date
        public var finishedAt: Date?
        public var status: String?
        public var counts: ActionCounts?
        public var error: String?
    }

    public var configurationDirectory: String
    public var stateDirectory: String
    public var jobs: [Job]

    /// Reads the state under the configuration's `stateDirectory` without creating or changing anything.
    public static func make(configuration: LoadedConfiguration) throws(StateStoreError) -> StatusReport {
        let stateDirectory = configuration.global.stateDirectory
        let store = try StateStore.openForReading(directory: stateDirectory)
        let jobs = try configuration.jobs.map { definition throws(StateStoreError) in
            let last = try store?.lastRun(job: definition.name)
            let next = try store?.nextRun(job: definition.name)
            let holder = JobLock.holder(job: definition.name, stateDirectory: stateDirectory)
            return Job(
                job: definition.name,
                kind: definition.kind.rawValue,
                enabled: definition.enabled,
                state: state(last: last, running: holder != nil),
                lastRun: last.map(LastRun.init(record:)),
                runningIn: holder,
                nextRunAt: definition.enabled ? next : nil
            )
        }
        return StatusReport(
            configurationDirectory: configuration.directory,
            stateDirectory: stateDirectory,
            jobs: jobs
        )
    }

    /// `running` while someone holds the lock; otherwise the last run's status, `interrupted` or `never`.
    static func state(last: RunRecord?, running: Bool) -> String {
        if running { return "running" }
        guard let last else { return "never" }
        return last.status.rawValue
    }
}

extension StatusReport.LastRun {
    init(record: RunRecord) {
        self.init(
            runId: record.runId,
            startedAt: record.startedAt,
            finishedAt: record.finishedAt,
            status: record.outcome?.status.rawValue,
            counts: record.outcome?.counts,
            error: record.outcome?.error
        )
    }
}
