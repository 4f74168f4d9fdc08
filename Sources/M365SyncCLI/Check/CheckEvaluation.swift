import Foundation
import M365Core
import M365Primitives
import M365State

/// What `m365sync check` knows of one job, read from the state database.
public struct CheckedJob: Sendable, Equatable {
    public var name: String
    public var lastRun: RunRecord?
    /// When the daemon planned to run the job next; nil when no daemon has it scheduled.
    public var nextRunAt: Date?
    /// A process holds the job's lock now.
    public var running: Bool

    public init(name: String, lastRun: RunRecord?, nextRunAt: Date?, running: Bool) {
        self.name = name
        self.lastRun = lastRun
        self.nextRunAt = nextRunAt
        self.running = running
    }
}

/// The verdict of `m365sync check`: a Nagios status and one line of text with performance data.
public struct CheckResult: Sendable, Equatable {
    public var status: NagiosStatus
    public var line: String
}

/// The rules of `m365sync check`, as a pure function of the jobs' records and the time.
public struct CheckEvaluation: Sendable {
    /// How late a scheduled run may be before it counts as missed.
    public var grace: Duration
    /// When set, a job whose last run ended longer ago than this (or that never ran) is critical.
    public var maxAge: Duration?

    public init(grace: Duration, maxAge: Duration?) {
        self.grace = grace
        self.maxAge = maxAge
    }

    /// The status and line for `jobs` at `now`.
    public func evaluate(_ jobs: [CheckedJob], now: Date) -> CheckResult {
        var problems: [(status: NagiosStatus, text: String)] = []
        var totals = ActionCounts()
        for job in jobs {
            problems += self.problems(of: job, now: now)
            if let counts = job.lastRun?.outcome?.counts { totals = totals + counts }
        }
        let status = problems.map(\.status).max() ?? .ok
        let ordered = problems.sorted { $0.status > $1.status }.map(\.text)
        let summary =
            ordered.isEmpty
            ? "\(jobs.count) job\(jobs.count == 1 ? "" : "s") OK (\(jobs.map(\.name).joined(separator: ", ")))"
            : ordered.joined(separator: "; ")
        return CheckResult(status: status, line: "M365SYNC \(status) - \(summary) | \(Self.performanceData(totals))")
    }

    func problems(of job: CheckedJob, now: Date) -> [(status: NagiosStatus, text: String)] {
        var found: [(NagiosStatus, String)] = []
        let name = job.name
        if !job.running, let due = job.nextRunAt, now.timeIntervalSince(due) > grace.timeInterval {
            found.append(
                (.critical, "\(name): missed its run due at \(Timestamp.rfc3339(due)) by \(Self.age(now, due))")
            )
        }
        if let maxAge {
            if let end = job.lastRun?.finishedAt {
                if now.timeIntervalSince(end) > maxAge.timeInterval {
                    found.append(
                        (
                            .critical,
                            "\(name): last run ended \(Self.age(now, end)) ago (max \(maxAge.configurationText))"
                        )
                    )
                }
            } else if job.lastRun == nil {
                found.append((.critical, "\(name): never ran (max age \(maxAge.configurationText))"))
            }
        }
        guard let last = job.lastRun else {
            if maxAge == nil { found.append((.warning, "\(name): never ran")) }
            return found
        }
        guard let outcome = last.outcome else {
            if !job.running {
                found.append((.warning, "\(name): last run interrupted (started \(Timestamp.rfc3339(last.startedAt)))"))
            }
            return found
        }
        let when = Timestamp.rfc3339(last.finishedAt ?? last.startedAt)
        switch outcome.status {
        case .failed:
            let reason = outcome.error.map { ": \(Self.shortened($0))" } ?? ""
            found.append((.critical, "\(name): last run failed at \(when)\(reason)"))
        case .partial:
            found.append((.warning, "\(name): last run partial at \(when) (\(outcome.counts.failed) failed)"))
        default:
            if outcome.status == .blockedBySafety || outcome.counts.blocked > 0 {
                found.append(
                    (.warning, "\(name): \(outcome.counts.blocked) removals blocked by safety limits at \(when)")
                )
            }
        }
        return found
    }
}
