import Foundation
import M365Core
import M365State
import Prometheus

extension SyncMetrics {
    /// Statuses `m365sync_job_last_run_status` has a series for.
    static let statuses: [SyncStatus] = [.succeeded, .failed, .partial, .blockedBySafety, .interrupted]

    /// A run of `job` has started.
    public func runStarted(job: String, at date: Date) {
        registerCounters(job: job)
        gauge(.lastRunStart, ["job": job]).set(to: date.timeIntervalSince1970)
    }

    /// Creates `job`'s counters at 0, so `rate()` and `increase()` see them before their first change.
    func registerCounters(job: String) {
        for name in [MetricName.retries, .throttled, .removalsBlocked] { _ = counter(name, ["job": job]) }
    }

    /// A run of `job` has ended: updates the last-run gauges and adds its actions and requests to the counters.
    public func runFinished(job: String, startedAt: Date, finishedAt: Date, outcome: RunOutcome) {
        setLastRun(job: job, startedAt: startedAt, finishedAt: finishedAt, status: outcome.status)
        if outcome.status == .succeeded {
            gauge(.lastSuccess, ["job": job]).set(to: finishedAt.timeIntervalSince1970)
        }
        counter(.runs, ["job": job, "status": outcome.status.rawValue]).increment()
        count(outcome.report, job: job)
    }

    /// When the daemon will next run `job`; nil removes the series (the job is not scheduled).
    public func nextRun(job: String, at date: Date?) {
        let next = gauge(.nextRun, ["job": job])
        if let date {
            next.set(to: date.timeIntervalSince1970)
        } else {
            registry.unregisterGauge(next)
        }
    }

    func setLastRun(job: String, startedAt: Date, finishedAt: Date?, status: SyncStatus?) {
        gauge(.lastRunStart, ["job": job]).set(to: startedAt.timeIntervalSince1970)
        guard let finishedAt, let status else { return }
        gauge(.lastRunEnd, ["job": job]).set(to: finishedAt.timeIntervalSince1970)
        gauge(.lastRunDuration, ["job": job]).set(to: max(finishedAt.timeIntervalSince(startedAt), 0))
        for candidate in Self.statuses {
            gauge(.lastRunStatus, ["job": job, "status": candidate.rawValue]).set(to: candidate == status ? 1 : 0)
        }
    }

    private func count(_ report: JobReport?, job: String) {
        guard let report else { return }
        for target in report.targets {
            // The tally, not the listed actions: a report lists only some of them.
            for (outcome, count) in target.tally.outcomes {
                counter(.actions, ["job": job, "action": outcome.action.rawValue, "status": outcome.status.rawValue])
                    .increment(by: Int64(count))
            }
            counter(.removalsBlocked, ["job": job]).increment(by: Int64(target.tally[.remove, .blocked]))
        }
        for (kind, count) in report.requests.byKind {
            counter(.requests, ["job": job, "service": Self.service(ofKind: kind), "kind": kind])
                .increment(by: Int64(count))
        }
        counter(.retries, ["job": job]).increment(by: Int64(report.requests.retries))
        counter(.throttled, ["job": job]).increment(by: Int64(report.requests.throttled))
    }

    /// `graph.batch` → `graph`, `exo.New-MailContact` → `exo`: the part before the first dot.
    static func service(ofKind kind: String) -> String {
        kind.split(separator: ".", maxSplits: 1).first.map(String.init) ?? kind
    }
}
