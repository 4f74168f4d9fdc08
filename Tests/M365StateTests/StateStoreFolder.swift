import Foundation
import InMemoryLogging
import Logging
import M365State
import M365TestSupport

/// A scratch folder for a state database, and the store opened in it (its log kept in memory).
struct StateStoreFolder {
    let folder: ScratchDirectory
    let logs = InMemoryLogHandler()

    init() throws {
        folder = try ScratchDirectory()
    }

    var logger: Logger { Logger(label: "test") { _ in logs } }

    func openStore(historyLimit: Int = 1000) throws -> StateStore {
        try StateStore(directory: folder.appending("state"), logger: logger, historyLimit: historyLimit)
    }
}
