import Foundation
import M365Core
import M365State
import Prometheus

extension SyncMetrics {
    /// How far back to look for a job's last succeeded run when seeding from the state database.
    static let successLookback = 50

    /// Sets the last-run gauges of `jobs` from the run history, so a restarted process reports them at once.
    public func seed(jobs: [String], from store: StateStore) throws(StateStoreError) {
        for job in jobs {
            registerCounters(job: job)
            let history = try store.runHistory(job: job, limit: Self.successLookback)
            if let last = history.first {
                setLastRun(
                    job: job,
                    startedAt: last.startedAt,
                    finishedAt: last.finishedAt,
                    status: last.outcome?.status
                )
            }
            if let success = history.first(where: { $0.outcome?.status == .succeeded }), let end = success.finishedAt {
                gauge(.lastSuccess, ["job": job]).set(to: end.timeIntervalSince1970)
            }
        }
    }
}
