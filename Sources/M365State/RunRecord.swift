import Foundation
import M365Core

/// How a run ended, as the run report spells it (`succeeded`, `failed`, `partial`, `blockedBySafety`).
public struct RunStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let succeeded = RunStatus(rawValue: "succeeded")
    public static let failed = RunStatus(rawValue: "failed")
    public static let partial = RunStatus(rawValue: "partial")
    public static let blockedBySafety = RunStatus(rawValue: "blockedBySafety")
    /// The process stopped before the run finished.
    public static let interrupted = RunStatus(rawValue: "interrupted")

    public var description: String { rawValue }
}

/// Action counts of a run, summed over its targets.
public struct RunCounts: Sendable, Hashable, Codable {
    public var add: Int
    public var update: Int
    public var remove: Int
    public var unchanged: Int
    public var failed: Int
    public var skipped: Int
    public var blocked: Int

    public init(
        add: Int = 0,
        update: Int = 0,
        remove: Int = 0,
        unchanged: Int = 0,
        failed: Int = 0,
        skipped: Int = 0,
        blocked: Int = 0
    ) {
        self.add = add
        self.update = update
        self.remove = remove
        self.unchanged = unchanged
        self.failed = failed
        self.skipped = skipped
        self.blocked = blocked
    }
}

/// The result of a finished run.
public struct RunOutcome: Sendable, Hashable, Codable {
    public var status: RunStatus
    public var counts: RunCounts
    /// A one-line, secret-free error summary when the run failed.
    public var error: String?
    /// The job's full report (actions, requests) for metrics; not stored in the state database.
    public var report: JobReport?

    public init(status: RunStatus, counts: RunCounts = RunCounts(), error: String? = nil, report: JobReport? = nil) {
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
}
