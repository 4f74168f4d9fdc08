import Foundation
import M365Logging
import M365TestSupport
import Testing

@Suite struct CatalogTests {
    /// `systemd/m365sync.catalog`, found from this file's location in the repository.
    static let catalogPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd/m365sync.catalog").path

    struct Entry {
        var id: String
        var headers: [String: String]
        var body: String
    }

    static func entries() throws -> [Entry] {
        let text = try TextFile.read(catalogPath)
        var entries: [Entry] = []
        for block in text.components(separatedBy: "\n-- ").dropFirst() {
            let lines = block.components(separatedBy: "\n")
            var headers: [String: String] = [:]
            var index = 1
            while index < lines.count, !lines[index].isEmpty {
                let parts = lines[index].split(separator: ":", maxSplits: 1)
                if parts.count == 2 { headers[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
                index += 1
            }
            let body = lines.dropFirst(index).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            entries.append(Entry(id: lines[0], headers: headers, body: body))
        }
        return entries
    }

    @Test func everyAuditEventHasAnEntryAndEveryEntryAnEvent() throws {
        let ids = try Self.entries().map(\.id)
        #expect(ids.count == Set(ids).count, "an id appears twice")
        #expect(Set(ids) == Set(AuditEvent.allCases.map(\.messageID)))
    }

    @Test func everyEntryHasSubjectDefinerDocumentationAndExplanation() throws {
        for entry in try Self.entries() {
            #expect(entry.headers["Subject"]?.isEmpty == false, "\(entry.id)")
            #expect(entry.headers["Defined-By"] == "m365sync", "\(entry.id)")
            #expect(entry.headers["Documentation"]?.isEmpty == false, "\(entry.id)")
            #expect(entry.body.count > 40, "\(entry.id)")
        }
    }

    @Test func substitutedFieldsAreOnesTheJournalBackendWrites() throws {
        let allowed = [
            "JOB", "RUN", "TARGET", "ACTION", "SOURCE_ID", "STATUS", "FIELDS", "ERROR", "CONFIG",
            "PATH", "MOVED_TO", "REASON", "MISSING", "UNEXPECTED", "DIFFERING",
        ].map { "M365SYNC_" + $0 }
        for entry in try Self.entries() {
            let text = (entry.headers["Subject"] ?? "") + entry.body
            for field in text.split(separator: "@", omittingEmptySubsequences: false).enumerated().filter({
                $0.offset % 2 == 1
            }).map(\.element) {
                #expect(allowed.contains(String(field)), "\(entry.id): @\(field)@")
            }
        }
    }

    @Test func journalctlCompilesTheCatalog() async throws {
        let journalctl = "/usr/bin/journalctl"
        try #require(FileManager.default.isExecutableFile(atPath: journalctl), "journalctl is needed")
        let root = try ScratchDirectory()
        let catalogFolder = root.appending("usr/lib/systemd/catalog")
        try FileManager.default.createDirectory(atPath: catalogFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.catalogPath, toPath: catalogFolder + "/m365sync.catalog")
        #expect(try await run(journalctl, ["--root=\(root.path)", "--update-catalog"]).status == 0)
        let listing = try await run(journalctl, ["--root=\(root.path)", "--list-catalog"])
        #expect(listing.status == 0)
        let listed = Set(
            listing.output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        )
        #expect(listed == Set(AuditEvent.allCases.map(\.messageID)))
    }

    private func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await BuiltProducts.runExecutable(URL(fileURLWithPath: executable), arguments: arguments)
        return (result.status, result.standardOutput + result.standardError)
    }
}
