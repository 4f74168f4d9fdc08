import Foundation
import GRDB

extension StateStore {
    /// The value stored under `key` in `scope` (e.g. a job's delta link), if any.
    public func value(forKey key: String, scope: String) throws(StateStoreError) -> String? {
        try read("read value") { db in
            try String.fetchOne(
                db,
                sql: "SELECT value FROM keyValue WHERE scope = ? AND key = ?",
                arguments: [scope, key]
            )
        }
    }

    /// Every key of `scope` with its value.
    public func values(scope: String) throws(StateStoreError) -> [String: String] {
        try read("read values") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM keyValue WHERE scope = ?", arguments: [scope])
            return Dictionary(rows.map { ($0["key"] as String, $0["value"] as String) }) { _, last in last }
        }
    }

    /// Stores `value` under `key` in `scope`; nil removes it.
    public func setValue(_ value: String?, forKey key: String, scope: String) throws(StateStoreError) {
        let now = Date().timeIntervalSince1970
        try write("write value") { db in
            if let value {
                try db.execute(
                    sql: """
                        INSERT INTO keyValue (scope, key, value, updatedAt) VALUES (?, ?, ?, ?)
                        ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt
                        """,
                    arguments: [scope, key, value, now]
                )
            } else {
                try db.execute(sql: "DELETE FROM keyValue WHERE scope = ? AND key = ?", arguments: [scope, key])
            }
        }
    }

    /// Removes every value of `scope` (e.g. when a job's definition changed).
    public func removeValues(scope: String) throws(StateStoreError) {
        try write("remove values") { db in
            try db.execute(sql: "DELETE FROM keyValue WHERE scope = ?", arguments: [scope])
        }
    }

    /// Remembers when the daemon will next run `job` (nil: not scheduled), for `status`.
    public func recordNextRun(job: String, at date: Date?) throws(StateStoreError) {
        let now = Date().timeIntervalSince1970
        try write("record next run") { db in
            try db.execute(
                sql: """
                    INSERT INTO schedule (job, nextRunAt, updatedAt) VALUES (?, ?, ?)
                    ON CONFLICT (job) DO UPDATE SET nextRunAt = excluded.nextRunAt, updatedAt = excluded.updatedAt
                    """,
                arguments: [job, date?.timeIntervalSince1970, now]
            )
        }
    }

    /// When the daemon last said it would next run `job`.
    public func nextRun(job: String) throws(StateStoreError) -> Date? {
        try read("read next run") { db in
            try Double.fetchOne(db, sql: "SELECT nextRunAt FROM schedule WHERE job = ?", arguments: [job])
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Forgets every job's next run (the daemon is stopping, so nothing is scheduled).
    public func clearNextRuns() throws(StateStoreError) {
        let now = Date().timeIntervalSince1970
        try write("clear next runs") { db in
            try db.execute(sql: "UPDATE schedule SET nextRunAt = NULL, updatedAt = ?", arguments: [now])
        }
    }
}
