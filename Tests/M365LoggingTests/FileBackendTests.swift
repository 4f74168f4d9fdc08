import Foundation
import Logging
import M365Core
import M365Logging
import M365TestSupport
import Testing

@Suite struct FileBackendTests {
    @Test func writesOneLogfmtLinePerEvent() throws {
        let fixture = try LoggingFixture(file: FileLogSettings(enabled: true, level: .info))
        let logger = fixture.logger()
        logger.info("Run started", metadata: ["job": "sales", "run": "r1", "note": "two words", "quote": "say \"hi\""])
        logger.audit(.contactUpdated, metadata: ["job": "sales", "target": "a@b.c", "fields": ["jobTitle"]])
        logger.debug("Not written")
        let lines = try fixture.fileText().split(separator: "\n")
        try #require(lines.count == 2)
        #expect(lines[0].hasPrefix("time=20"))
        #expect(lines[0].contains(" level=info msg=\"Run started\" job=sales run=r1 "))
        #expect(lines[0].contains(" note=\"two words\""))
        #expect(lines[0].contains(" quote=\"say \\\"hi\\\"\""))
        #expect(lines[0].contains(" test_id=\(fixture.testID)"))
        #expect(
            lines[1].contains(
                "level=notice msg=\"Contact updated\" event=contactUpdated job=sales target=a@b.c fields=jobTitle"
            )
        )
        #expect(lines[1].hasSuffix("message_id=\(AuditEvent.contactUpdated.messageID)"))
    }

    @Test func anAuditedErrorBecomesTheErrorField() throws {
        struct Failure: Error, CustomStringConvertible {
            var description: String { "Graph answered 503" }
        }
        let fixture = try LoggingFixture(file: FileLogSettings(enabled: true, level: .info))
        fixture.logger().audit(.runFailed, error: Failure(), metadata: ["job": "sales"])
        let line = try fixture.fileText()
        #expect(line.contains("level=error msg=\"Run failed\" event=runFailed job=sales error=\"Graph answered 503\""))
    }

    @Test func newlinesInValuesNeverBreakTheLine() throws {
        let fixture = try LoggingFixture(file: FileLogSettings(enabled: true, level: .info))
        fixture.logger().info("Multi\nline", metadata: ["detail": "a\nb\tc\u{1}"])
        let text = try fixture.fileText()
        #expect(text.split(separator: "\n").count == 1)
        #expect(text.contains("msg=\"Multi\\nline\""))
        #expect(text.contains("detail=\"a\\nb\\tc\\u0001\""))
    }

    @Test func createsTheFolderAndTheFileWithRestrictedModes() throws {
        let fixture = try LoggingFixture(file: FileLogSettings(enabled: true, level: .info))
        fixture.logger().info("Hello")
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.logPath)
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o027 == 0, "mode \(String(mode, radix: 8))")
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: fixture.folder.appending("logs"))
        let folderMode = try #require(folderAttributes[.posixPermissions] as? Int)
        #expect(folderMode & 0o007 == 0, "mode \(String(folderMode, radix: 8))")
    }

    @Test func rotatesByMaxBytesKeepsMaxFilesAndLeavesForeignFilesAlone() throws {
        let folder = try ScratchDirectory()
        let logs = folder.appending("logs")
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let foreign = [
            "notes.txt": "keep me", "m365sync.log.old": "not ours", "m365sync.log.bak.1": "not ours either",
            "other.log": "someone else's",
        ]
        for (name, text) in foreign {
            try text.write(toFile: "\(logs)/\(name)", atomically: false, encoding: .utf8)
        }
        let fixture = try LoggingFixture(
            file: FileLogSettings(enabled: true, level: .info, maxBytes: 600, maxFiles: 2),
            folder: folder
        )
        let logger = fixture.logger()
        for index in 0..<40 {
            logger.info("Rotation line", metadata: ["index": "\(index)"])
        }
        let names = try folder.contents(of: "logs")
        #expect(
            names == [
                "m365sync.log", "m365sync.log.1", "m365sync.log.2", "m365sync.log.bak.1", "m365sync.log.old",
                "notes.txt", "other.log",
            ]
        )
        for (name, text) in foreign {
            #expect(try TextFile.read("\(logs)/\(name)") == text)
        }
        for name in ["m365sync.log", "m365sync.log.1", "m365sync.log.2"] {
            let size = try #require(FileManager.default.attributesOfItem(atPath: "\(logs)/\(name)")[.size] as? Int)
            #expect(size <= 600 && size > 0, "\(name): \(size) bytes")
        }
        #expect(try fixture.fileText().contains("index=39"))
        let previous = try TextFile.read("\(logs)/m365sync.log.1")
        let current = try fixture.fileText()
        #expect(lastIndex(in: previous) < firstIndex(in: current))
    }

    @Test func reopenFilesStartsANewFileAfterAnExternalRename() throws {
        let fixture = try LoggingFixture(file: FileLogSettings(enabled: true, level: .info))
        let logger = fixture.logger()
        logger.info("Before rotation")
        let moved = fixture.logPath + ".logrotate"
        try FileManager.default.moveItem(atPath: fixture.logPath, toPath: moved)
        logger.info("Still into the moved file")
        fixture.backends.reopenFiles()
        logger.info("After reopen")
        #expect(try TextFile.read(moved).split(separator: "\n").count == 2)
        let fresh = try fixture.fileText()
        #expect(fresh.contains("After reopen"))
        #expect(!fresh.contains("Before rotation"))
    }

    @Test func concurrentWritersNeverInterleaveLines() async throws {
        let fixture = try LoggingFixture(
            file: FileLogSettings(enabled: true, level: .info, maxBytes: 20_000, maxFiles: 50)
        )
        let logger = fixture.logger()
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<100 {
                        logger.info("Concurrent line", metadata: ["writer": "\(writer)", "index": "\(index)"])
                    }
                }
            }
        }
        var lines: [Substring] = []
        let names = try fixture.folder.contents(of: "logs")
        for name in names {
            let text = try TextFile.read(fixture.folder.appending("logs/\(name)"))
            lines += text.split(separator: "\n")
        }
        #expect(lines.count == 800)
        #expect(lines.allSatisfy { $0.hasPrefix("time=") && $0.contains("msg=\"Concurrent line\"") })
    }

    @Test func anUnwritableLocationIsASetupError() throws {
        let folder = try ScratchDirectory()
        try "a file, not a folder".write(toFile: folder.appending("blocker"), atomically: false, encoding: .utf8)
        var settings = FileLogSettings(enabled: true)
        settings.path = folder.appending("blocker/m365sync.log")
        #expect(throws: LoggingSetupError.self) {
            _ = try LogBackends(
                configuration: LoggingConfiguration(
                    journald: LogBackendSettings(enabled: false, level: .info),
                    file: settings
                ),
                label: "test",
                interactive: false
            )
        }
    }

    private func indices(in text: String) -> [Int] {
        text.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("index=") }.flatMap { Int($0.dropFirst(6)) }
        }
    }

    private func lastIndex(in text: String) -> Int { indices(in: text).max() ?? -1 }
    private func firstIndex(in text: String) -> Int { indices(in: text).min() ?? -1 }
}
