import Foundation
import GRDB
import Logging
import M365Files
import M365Logging
import SystemPackage

/// Run history, schedule hints and small key–value state in `<stateDirectory>/m365sync.db` (SQLite, WAL).
///
/// Every method is one transaction, so a crash loses nothing that a method had returned from.
public final class StateStore: Sendable {
    /// File name of the database inside the state folder.
    public static let fileName = "m365sync.db"

    let database: any DatabaseWriter
    /// Absolute path of the database file.
    public let path: String
    /// Runs kept per job; older ones are pruned when a run finishes.
    public let historyLimit: Int

    /// Opens or creates the database; an unreadable or corrupt one is logged, moved aside and recreated.
    public init(directory: String, logger: Logger, historyLimit: Int = 1000) throws(StateStoreError) {
        do {
            try FilePath(directory).createDirectories()
        } catch {
            throw StateStoreError.cannotCreateDirectory(directory, reason: error.localizedDescription)
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        self.path = path
        self.historyLimit = max(historyLimit, 1)
        do {
            self.database = try Self.openWritable(path: path)
        } catch let failure as DatabaseOpenFailure where failure.isRecoverableByReset {
            let movedTo = try Self.moveAside(path: path)
            logger.audit(
                .stateReset,
                metadata: [
                    "path": .string(path), "moved_to": .string(movedTo), "reason": .string(failure.reason),
                ]
            )
            do {
                self.database = try Self.openWritable(path: path)
            } catch {
                throw StateStoreError.cannotOpen(path, reason: error.reason)
            }
        } catch {
            throw StateStoreError.cannotOpen(path, reason: error.reason)
        }
    }

    /// Opens an existing database read-only (for `status`); nil when there is none yet. Creates nothing.
    public static func openForReading(directory: String) throws(StateStoreError) -> StateStore? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return StateStore(database: queue, path: path)
        } catch {
            throw StateStoreError.cannotOpen(path, reason: String(describing: error))
        }
    }

    private init(database: any DatabaseWriter, path: String) {
        self.database = database
        self.path = path
        self.historyLimit = 1000
    }

    /// Frees the database's caches: the page and statement caches of the writer, and the reader connections
    /// (reopened when next needed). The daemon calls it once no run is in progress, so that an idle daemon does not
    /// hold the pages a run read and wrote.
    public func releaseMemory() {
        switch database {
        case let pool as DatabasePool: pool.releaseMemory()
        case let queue as DatabaseQueue: queue.releaseMemory()
        default: break
        }
    }

    /// Runs `body` in one write transaction, mapping failures to `StateStoreError`.
    func write<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) throws(StateStoreError) -> T
    {
        do {
            return try database.write(body)
        } catch {
            throw StateStoreError.databaseFailed(operation, error)
        }
    }

    /// Runs `body` against a consistent snapshot, mapping failures to `StateStoreError`.
    func read<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) throws(StateStoreError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw StateStoreError.databaseFailed(operation, error)
        }
    }
}
