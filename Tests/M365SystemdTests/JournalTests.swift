import Foundation
import M365Systemd
import M365TestSupport
import Testing

@Suite struct JournalTests {
    @Test func sendsFieldsThatJournalctlReadsBack() async throws {
        try #require(JournalReader.isAvailable, "a running systemd-journald is needed (make test starts one)")
        let testID = UUID().uuidString
        try Journal.send([
            ("MESSAGE", "journal wrapper test"),
            ("PRIORITY", "6"),
            ("SYSLOG_IDENTIFIER", "m365sync-test"),
            ("M365SYNC_TEST_ID", testID),
            ("M365SYNC_MULTILINE", "first line\nsecond line\n\tthird = line"),
            ("M365SYNC_UNICODE", "Zoë Ångström ✓"),
        ])
        let entries = try await JournalReader.waitForEntries(matching: ["M365SYNC_TEST_ID": testID])
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry["MESSAGE"] == "journal wrapper test")
        #expect(entry["PRIORITY"] == "6")
        #expect(entry["SYSLOG_IDENTIFIER"] == "m365sync-test")
        #expect(entry["M365SYNC_MULTILINE"] == "first line\nsecond line\n\tthird = line")
        #expect(entry["M365SYNC_UNICODE"] == "Zoë Ångström ✓")
    }

    @Test(arguments: ["lower", "_TRUSTED", "9LIVES", "HAS SPACE", "", String(repeating: "A", count: 65)])
    func rejectsFieldNamesJournaldWouldRefuse(name: String) {
        #expect(throws: JournalError.self) {
            try Journal.send([("MESSAGE", "x"), (name, "value")])
        }
    }

    @Test func rejectsAnEmptyEntry() {
        #expect(throws: JournalError.self) { try Journal.send([]) }
    }
}

@Suite struct JournalFieldNameTests {
    @Test(arguments: [
        ("job", "M365SYNC_JOB"),
        ("source_id", "M365SYNC_SOURCE_ID"),
        ("sourceId", "M365SYNC_SOURCEID"),
        ("http.status-code", "M365SYNC_HTTP_STATUS_CODE"),
        ("zoë", "M365SYNC_ZO_"),
        ("", "M365SYNC_"),
    ])
    func sanitizesMetadataKeys(key: String, expected: String) {
        let name = JournalFieldName.sanitized(key, prefix: "M365SYNC_")
        #expect(name == expected)
    }

    @Test func sanitizedNamesAreAlwaysValid() {
        for key in ["a", "ß", "x y z", "__", String(repeating: "k", count: 200), "0day"] {
            let name = JournalFieldName.sanitized(key, prefix: "M365SYNC_")
            #expect(JournalFieldName.isValid(name), "\(name)")
        }
    }
}
