import Foundation
import Logging
import M365Core
import M365Logging
import M365TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Log backends writing to a scratch folder: the file log there, stderr captured in a file, journald for real.
final class LoggingFixture {
    let folder: ScratchDirectory
    let testID = UUID().uuidString
    let backends: LogBackends
    private let stderrDescriptor: Int32

    var logPath: String { folder.appending("logs/m365sync.log") }
    var stderrPath: String { folder.appending("stderr.txt") }

    init(
        journald: LogBackendSettings = LogBackendSettings(enabled: false, level: .info),
        file: FileLogSettings? = nil,
        stderr: LogBackendSettings = LogBackendSettings(enabled: false, level: .info),
        interactive: Bool = false,
        folder: ScratchDirectory? = nil
    ) throws {
        let folder = try folder ?? ScratchDirectory()
        self.folder = folder
        var fileSettings = file ?? FileLogSettings(enabled: false)
        fileSettings.path = folder.appending("logs/m365sync.log")
        stderrDescriptor = open(folder.appending("stderr.txt"), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        backends = try LogBackends(
            configuration: LoggingConfiguration(journald: journald, file: fileSettings, stderr: stderr),
            label: "m365sync.test",
            interactive: interactive,
            standardErrorDescriptor: stderrDescriptor
        )
    }

    deinit { close(stderrDescriptor) }

    /// A logger over the backends that tags every entry with this test's id.
    func logger() -> Logger {
        var logger = backends.makeLogger(label: "m365sync.test")
        logger[metadataKey: "test_id"] = .string(testID)
        return logger
    }

    func fileText() throws -> String {
        try TextFile.read(logPath)
    }

    func stderrText() throws -> String {
        try TextFile.read(stderrPath)
    }

    /// Journal entries written by this test, waiting for at least `count` of them.
    func journalEntries(count: Int = 1) async throws -> [JournalEntry] {
        try await JournalReader.waitForEntries(matching: ["M365SYNC_TEST_ID": testID], count: count)
    }
}
