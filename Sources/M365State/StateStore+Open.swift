import Foundation
import GRDB
import M365Primitives

/// Why a database could not be opened, and whether starting afresh would help.
struct DatabaseOpenFailure: Error {
    var reason: String
    var isRecoverableByReset: Bool
}

extension Error {
    /// A one-line description for messages.
    var reason: String {
        if let failure = self as? DatabaseOpenFailure { return failure.reason }
        return String(describing: self)
    }
}

extension StateStore {
    /// Opens the pool, migrates and runs `PRAGMA quick_check`.
    static func openWritable(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // WAL with NORMAL is safe from corruption; a commit is then one write, not one flush per transaction.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw DatabaseOpenFailure(reason: String(describing: error), isRecoverableByReset: isCorruption(error))
        }
        do {
            let check = try pool.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
            guard check == "ok" else {
                throw DatabaseOpenFailure(
                    reason: "integrity check: \(check ?? "no answer")",
                    isRecoverableByReset: true
                )
            }
            try StateSchema.migrator.migrate(pool)
            return pool
        } catch let failure as DatabaseOpenFailure {
            try? pool.close()
            throw failure
        } catch {
            try? pool.close()
            throw DatabaseOpenFailure(reason: String(describing: error), isRecoverableByReset: isCorruption(error))
        }
    }

    /// Renames the database and its `-wal`/`-shm` to `<name>.corrupt-<timestamp>…`; returns the new path.
    static func moveAside(path: String) throws(StateStoreError) -> String {
        let stamp = Self.stamp(Date())
        let target = "\(path).corrupt-\(stamp)"
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
            do {
                try manager.moveItem(atPath: path + suffix, toPath: target + suffix)
            } catch {
                throw StateStoreError.cannotMoveAside(path + suffix, reason: error.localizedDescription)
            }
        }
        return target
    }

    /// Errors that mean the file is damaged or not a database at all. Anything else (a permission problem, a
    /// file that cannot be opened, a busy, full or failing disk) says nothing about the file's content: moving
    /// it aside would drop the records of unfinished work that the next run needs.
    private static func isCorruption(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return true
        default:
            return false
        }
    }

    /// `20261129T094101.123Z`: sortable, unique per millisecond, no characters shells dislike.
    private static func stamp(_ date: Date) -> String {
        Timestamp(date).layout(dateSeparator: "", timeSeparator: "", milliseconds: true)
    }
}
