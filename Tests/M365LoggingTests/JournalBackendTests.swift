import Foundation
import Logging
import M365Core
import M365Logging
import M365TestSupport
import Testing

@Suite struct JournalBackendTests {
    @Test func writesMessagePriorityIdentifierCodeLocationAndPrefixedFields() async throws {
        try #require(JournalReader.isAvailable, "a running systemd-journald is needed (make test starts one)")
        let fixture = try LoggingFixture(journald: LogBackendSettings(enabled: true, level: .info))
        let logger = fixture.logger()
        let line = #line + 1
        logger.warning(
            "Target skipped",
            metadata: [
                "job": "sales", "run": "run-1", "target": "alice@contoso.com", "action": "update",
                "source_id": "0f1e", "status": "failed", "fields": ["jobTitle", "mobilePhone"],
                "detail": "line one\nline two",
            ]
        )
        let entry = try #require(await fixture.journalEntries().first)
        #expect(entry["MESSAGE"] == "Target skipped")
        #expect(entry["PRIORITY"] == "4")
        #expect(entry["SYSLOG_IDENTIFIER"] == "m365sync")
        #expect(entry["CODE_FILE"]?.hasSuffix("JournalBackendTests.swift") == true)
        #expect(entry["CODE_LINE"] == String(line))
        #expect(entry["CODE_FUNC"]?.hasPrefix("writesMessagePriorityIdentifierCodeLocationAndPrefixedFields") == true)
        #expect(entry["M365SYNC_JOB"] == "sales")
        #expect(entry["M365SYNC_RUN"] == "run-1")
        #expect(entry["M365SYNC_TARGET"] == "alice@contoso.com")
        #expect(entry["M365SYNC_ACTION"] == "update")
        #expect(entry["M365SYNC_SOURCE_ID"] == "0f1e")
        #expect(entry["M365SYNC_STATUS"] == "failed")
        #expect(entry["M365SYNC_FIELDS"] == "jobTitle,mobilePhone")
        #expect(entry["M365SYNC_DETAIL"] == "line one\nline two")
        #expect(entry["MESSAGE_ID"] == nil)
    }

    @Test func auditEventsCarryTheirMessageID() async throws {
        try #require(JournalReader.isAvailable, "a running systemd-journald is needed (make test starts one)")
        let fixture = try LoggingFixture(journald: LogBackendSettings(enabled: true, level: .info))
        fixture.logger().audit(.contactRemoved, metadata: ["job": "sales", "target": "bob@contoso.com"])
        let entry = try #require(await fixture.journalEntries().first)
        #expect(entry["MESSAGE_ID"] == AuditEvent.contactRemoved.messageID)
        #expect(entry["MESSAGE"] == "Contact removed")
        #expect(entry["PRIORITY"] == "5")
        #expect(entry["M365SYNC_EVENT"] == "contactRemoved")
        #expect(entry["M365SYNC_MESSAGE_ID"] == nil)
        #expect(entry["M365SYNC_TARGET"] == "bob@contoso.com")
    }

    @Test func entriesBelowTheJournaldLevelAreNotWritten() async throws {
        try #require(JournalReader.isAvailable, "a running systemd-journald is needed (make test starts one)")
        let fixture = try LoggingFixture(journald: LogBackendSettings(enabled: true, level: .warning))
        let logger = fixture.logger()
        logger.info("Below the threshold")
        logger.error("At the threshold", metadata: ["marker": "last"])
        let entries = try await fixture.journalEntries()
        let last = try #require(entries.last)
        #expect(last["M365SYNC_MARKER"] == "last")
        #expect(entries.map { $0["MESSAGE"] } == ["At the threshold"])
        #expect(last["PRIORITY"] == "3")
    }

    @Test func priorityFollowsTheLevel() async throws {
        try #require(JournalReader.isAvailable, "a running systemd-journald is needed (make test starts one)")
        let fixture = try LoggingFixture(journald: LogBackendSettings(enabled: true, level: .trace))
        let logger = fixture.logger()
        let levels: [Logger.Level] = [.trace, .debug, .info, .notice, .warning, .error, .critical]
        for level in levels {
            logger.log(level: level, "Level test", metadata: ["level": .string(level.rawValue)])
        }
        let entries = try await fixture.journalEntries(count: levels.count)
        let priorities = Dictionary(
            entries.map { ($0["M365SYNC_LEVEL"] ?? "", $0["PRIORITY"] ?? "") },
            uniquingKeysWith: { first, _ in first }
        )
        #expect(
            priorities == [
                "trace": "7", "debug": "7", "info": "6", "notice": "5", "warning": "4", "error": "3", "critical": "2",
            ]
        )
    }
}
