import Foundation
import InMemoryLogging
import Logging
import M365Logging
import M365State
import M365TestSupport
import Testing

@Suite struct StateStoreRecoveryTests {
    let folder: ScratchDirectory
    let logs = InMemoryLogHandler()

    init() throws {
        folder = try ScratchDirectory()
    }

    var logger: Logger { Logger(label: "test") { _ in logs } }
    var stateFolder: String { folder.appending("state") }
    var databasePath: String { folder.appending("state/m365sync.db") }

    @Test func aFileThatIsNotADatabaseIsMovedAsideAndReplaced() throws {
        try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        let garbage = String(repeating: "this is not SQLite ", count: 400)
        try garbage.write(toFile: databasePath, atomically: false, encoding: .utf8)

        let store = try StateStore(directory: stateFolder, logger: logger)
        try store.recordRunStarted(job: "sales", runId: "r1", at: Date())
        #expect(try store.lastRun(job: "sales")?.runId == "r1")

        let aside = try movedAsideFiles()
        #expect(aside.count == 1)
        let preserved = try TextFile.read("\(stateFolder)/\(aside[0])")
        #expect(preserved == garbage)
        try expectResetLogged(movedTo: aside[0])
    }

    @Test func aDatabaseWithDamagedPagesIsMovedAsideAndReplaced() throws {
        do {
            let store = try StateStore(directory: stateFolder, logger: logger)
            for index in 0..<300 {
                try store.setValue(String(repeating: "x", count: 200), forKey: "key\(index)", scope: "bulk")
            }
        }
        // Closing the last connection folds the WAL into the main file, so damaging that file damages the data.
        #expect(!FileManager.default.fileExists(atPath: databasePath + "-wal"))
        try damage(path: databasePath, fromOffset: 4096, count: 8192)

        let store = try StateStore(directory: stateFolder, logger: logger)
        #expect(try store.value(forKey: "key1", scope: "bulk") == nil)
        try store.setValue("fresh", forKey: "k", scope: "s")
        #expect(try store.value(forKey: "k", scope: "s") == "fresh")
        #expect(try movedAsideFiles().count >= 1)
        try expectResetLogged(movedTo: nil)
    }

    @Test func anEmptyFileIsSimplyANewDatabase() throws {
        try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: databasePath, contents: Data()))
        let store = try StateStore(directory: stateFolder, logger: logger)
        try store.setValue("v", forKey: "k", scope: "s")
        #expect(try movedAsideFiles().isEmpty)
        #expect(logs.entries.isEmpty)
    }

    @Test func anUncreatableFolderIsAnError() throws {
        try "file".write(toFile: folder.appending("blocker"), atomically: false, encoding: .utf8)
        #expect(throws: StateStoreError.self) {
            _ = try StateStore(directory: folder.appending("blocker/state"), logger: logger)
        }
    }

    @Test func aDatabaseThatCannotBeOpenedIsAnErrorAndStaysWhereItIs() throws {
        // Root may read any file, so "cannot open" is made with a folder where the database file should be.
        try FileManager.default.createDirectory(atPath: databasePath, withIntermediateDirectories: true)
        let marker = databasePath + "/kept"
        #expect(FileManager.default.createFile(atPath: marker, contents: Data("x".utf8)))
        let error = try #require(throws: StateStoreError.self) {
            _ = try StateStore(directory: stateFolder, logger: logger)
        }
        #expect(error.name == "stateDatabaseUnavailable")
        #expect(error.description.contains(databasePath))
        #expect(error.description.contains("unable to open"), "the cause is named: \(error.description)")
        #expect(try movedAsideFiles().isEmpty)
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect(logs.entries.isEmpty, "no reset is announced")
    }

    private func movedAsideFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: stateFolder)
            .filter { $0.hasPrefix("m365sync.db.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
            .sorted()
    }

    private func expectResetLogged(movedTo name: String?) throws {
        let entry = try #require(logs.entries.first)
        #expect(entry.level == .warning)
        #expect(entry.metadata["message_id"] == .string(AuditEvent.stateReset.messageID))
        #expect(entry.metadata["path"] == .string(databasePath))
        if let name {
            #expect(entry.metadata["moved_to"] == .string("\(stateFolder)/\(name)"))
        }
    }

    private func damage(path: String, fromOffset offset: UInt64, count: Int) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: count))
    }
}
