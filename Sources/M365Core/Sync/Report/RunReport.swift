/// The report of one `run`/`plan`: the JSON printed with `--json`.
public struct RunReport: Sendable, Hashable, Codable {
    public var runId: String
    /// ISO 8601 timestamps, formatted by the caller (the core has no clock).
    public var startedAt: String
    public var finishedAt: String
    public var dryRun: Bool
    public var jobs: [JobReport]

    public init(runId: String, startedAt: String, finishedAt: String, dryRun: Bool, jobs: [JobReport]) {
        self.runId = runId
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.dryRun = dryRun
        self.jobs = jobs
    }

    /// The process exit code for this run (`RunReport.exitCode(for:)`).
    public var exitCode: Int32 { Self.exitCode(for: jobs.map(\.status)) }

    /// 0 when every job succeeded; 1 when a job failed or partly failed; 3 when a job was blocked by safety and none
    /// failed.
    public static func exitCode(for statuses: [SyncStatus]) -> Int32 {
        if statuses.contains(where: { $0 == .failed || $0 == .partial }) { return 1 }
        if statuses.contains(.blockedBySafety) { return 3 }
        return 0
    }
}

/// Requests a job made, for the report.
public struct RequestStats: Sendable, Hashable, Codable {
    public var total: Int
    /// By request kind, e.g. `graph.batch`, `graph.list`, `exo.New-MailContact`.
    public var byKind: [String: Int]
    public var retries: Int
    public var throttled: Int

    public init(total: Int = 0, byKind: [String: Int] = [:], retries: Int = 0, throttled: Int = 0) {
        self.total = total
        self.byKind = byKind
        self.retries = retries
        self.throttled = throttled
    }
}

/// One job of a run.
public struct JobReport: Sendable, Hashable, Codable {
    public var job: String
    public var kind: JobKind
    public var status: SyncStatus
    /// Why the job failed as a whole (e.g. the source read failed); nil otherwise.
    @AlwaysEncoded public var error: String?
    public var requests: RequestStats
    public var targets: [TargetReport]

    public init(
        job: String,
        kind: JobKind,
        status: SyncStatus,
        error: String? = nil,
        requests: RequestStats = RequestStats(),
        targets: [TargetReport]
    ) {
        self.job = job
        self.kind = kind
        self.status = status
        self.error = error
        self.requests = requests
        self.targets = targets
    }

    /// A report whose status is derived from its targets and error.
    public init(
        job: String,
        kind: JobKind,
        error: String? = nil,
        requests: RequestStats = RequestStats(),
        targets: [TargetReport]
    ) {
        self.init(
            job: job,
            kind: kind,
            status: SyncStatus.derive(job: targets.map(\.status), error: error),
            error: error,
            requests: requests,
            targets: targets
        )
    }

    /// Counts summed over the targets.
    public var totals: ActionCounts { targets.map(\.counts).reduce(ActionCounts(), +) }
}
