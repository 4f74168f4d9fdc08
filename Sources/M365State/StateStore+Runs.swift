import Foundation
import GRDB
import M365Core

extension StateStore {
    /// Records that `runId` of `job` has started.
    public func recordRunStarted(job: String, runId: String, at date: Date) throws(StateStoreError) {
        try write("record run start") { db in
            try db.execute(
                sql: """
                    INSERT INTO run (job, runId, startedAt) VALUES (?, ?, ?)
                    ON CONFLICT (job, runId) DO UPDATE SET startedAt = excluded.startedAt
                    """,
                arguments: [job, runId, date.timeIntervalSince1970]
            )
        }
    }

    /// Records the end of `runId` (inserting it if its start was never recorded) and prunes old history.
    public func recordRunFinished(
        job: String,
        runId: String,
        at date: Date,
        outcome: RunOutcome
    )
        throws(StateStoreError)
    {
        let limit = historyLimit
        try write("record run end") { db in
            let counts = outcome.counts
            try db.execute(
                sql: """
                    INSERT INTO run (job, runId, startedAt, finishedAt, status, error, addCount, updateCount,
                        removeCount, unchangedCount, failedCount, skippedCount, blockedCount)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (job, runId) DO UPDATE SET finishedAt = excluded.finishedAt,
                        status = excluded.status, error = excluded.error, addCount = excluded.addCount,
                        updateCount = excluded.updateCount, removeCount = excluded.removeCount,
                        unchangedCount = excluded.unchangedCount, failedCount = excluded.failedCount,
                        skippedCount = excluded.skippedCount, blockedCount = excluded.blockedCount
                    """,
                arguments: [
                    job, runId, date.timeIntervalSince1970, date.timeIntervalSince1970, outcome.status.rawValue,
                    outcome.error, counts.add, counts.update, counts.remove, counts.unchanged, counts.failed,
                    counts.skipped, counts.blocked,
                ]
            )
            try db.execute(
                sql: """
                    DELETE FROM run WHERE job = ? AND rowid NOT IN (
                        SELECT rowid FROM run WHERE job = ? ORDER BY startedAt DESC LIMIT ?)
                    """,
                arguments: [job, job, limit]
            )
        }
    }

    /// The most recently started run of `job`.
    public func lastRun(job: String) throws(StateStoreError) -> RunRecord? {
        try runHistory(job: job, limit: 1).first
    }

    /// The latest `limit` runs of `job`, newest first.
    public func runHistory(job: String, limit: Int) throws(StateStoreError) -> [RunRecord] {
        try read("read run history") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM run WHERE job = ? ORDER BY startedAt DESC, rowid DESC LIMIT ?",
                arguments: [job, max(limit, 0)]
            ).map(RunRecord.init(row:))
        }
    }

    /// Names of every job that has a run on record, sorted.
    public func jobsWithHistory() throws(StateStoreError) -> [String] {
        try read("list jobs") { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT job FROM run ORDER BY job")
        }
    }
}

extension RunRecord {
    init(row: Row) {
        let finished: Double? = row["finishedAt"]
        let status: String? = row["status"]
        self.init(
            job: row["job"],
            runId: row["runId"],
            startedAt: Date(timeIntervalSince1970: row["startedAt"]),
            finishedAt: finished.map(Date.init(timeIntervalSince1970:)),
            outcome: status.map { status in
                RunOutcome(
                    // Only `SyncStatus` values are written; anything else is not a success.
                    status: SyncStatus(rawValue: status) ?? .failed,
                    counts: ActionCounts(
                        add: row["addCount"],
                        update: row["updateCount"],
                        remove: row["removeCount"],
                        unchanged: row["unchangedCount"],
                        failed: row["failedCount"],
                        skipped: row["skippedCount"],
                        blocked: row["blockedCount"]
                    ),
                    error: row["error"]
                )
            }
        )
    }
}
