import Foundation
import M365Core

/// The result of a finished run.
public struct RunOutcome: Sendable, Hashable, Codable {
    public var status: SyncStatus
    public var counts: ActionCounts
    /// A one-line, secret-free error summary when the run failed.
    public var error: String?
    /// The job's full report (actions, requests) for metrics; not stored in the state database.
    public var report: JobReport?

    public init(
        status: SyncStatus,
        counts: ActionCounts = ActionCounts(),
        error: String? = nil,
        report: JobReport? = nil
    ) {
        self.status = status
        self.counts = counts
        self.error = error
        self.report = report
    }
}

/// One run of a job as the state store remembers it.
public struct RunRecord: Sendable, Hashable, Codable {
    public var job: String
    public var runId: String
    public var startedAt: Date
    /// Nil while the run is in progress, or when its process died before it finished.
    public var finishedAt: Date?
    /// Nil until the run has finished.
    public var outcome: RunOutcome?

    public init(job: String, runId: String, startedAt: Date, finishedAt: Date? = nil, outcome: RunOutcome? = nil) {
        self.job = job
        self.runId = runId
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
    }

    /// The recorded status, or `interrupted` while no end is recorded (a run in progress reads the same).
    public var status: SyncStatus { outcome?.status ?? .interrupted }
}
