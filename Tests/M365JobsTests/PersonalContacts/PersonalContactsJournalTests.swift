import Foundation
import M365Core
import M365Logging
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: journal audit trail", .enabled(if: JournalReader.isAvailable))
struct PersonalContactsJournalTests {
    /// Turns journald logging on in the deployment's `m365sync.json`.
    static func enableJournal(_ fixture: PersonalContactsFixture) throws {
        let path = fixture.deployment.directory.appending("m365sync.json")
        let text = try TextFile.read(path)
            .replacingOccurrences(of: #""journald": {"enabled": false}"#, with: #""journald": {"enabled": true}"#)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func run(_ fixture: PersonalContactsFixture, _ extra: [String] = []) async throws -> RunReport {
        let config = fixture.deployment.configurationPath
        let process = try await BuiltProducts.run(
            "m365sync",
            arguments: ["run", "--config", config, "--job", "pc", "--json"] + extra
        )
        return try JSONDecoder().decode(RunReport.self, from: Data(process.standardOutput.utf8))
    }

    @Test func everyActionAndTheRunAreJournalEntries() async throws {
        try await PersonalContactsFixture.with(
            mailboxes: 1,
            target: nil,
            safety: #""maxRemove": 0, "maxRemovePercent": 100"#
        ) { fixture in
            try Self.enableJournal(fixture)
            let first = try await Self.run(fixture)
            let adds = try #require(first.jobs.first?.totals.add)
            try #require(adds > 0, "\(first)")
            let runId = first.runId
            let entries = try await JournalReader.waitForEntries(
                matching: ["M365SYNC_RUN": runId, "M365SYNC_ACTION": "add"],
                count: adds
            )
            #expect(entries.count == adds)
            for entry in entries {
                #expect(entry["M365SYNC_JOB"] == "pc")
                #expect(entry["M365SYNC_TARGET"] == fixture.mailboxes[0])
                #expect(entry["M365SYNC_STATUS"] == "applied")
                #expect(entry["M365SYNC_SOURCE_ID"].map { !$0.isEmpty } == true)
            }
            let all = try await JournalReader.entries(matching: ["M365SYNC_RUN": runId])
            let ids = Set(all.compactMap { $0["MESSAGE_ID"] })
            #expect(ids.isSuperset(of: [AuditEvent.runStarted.messageID, AuditEvent.runFinished.messageID]), "\(ids)")

            let users = first.jobs.first?.targets.first?.actions.map(\.sourceId) ?? []
            let (gone, promoted) = (try #require(users.first), try #require(users.last))
            try await fixture.control.removeUser(tenantId: fixture.tenant, gone)
            try await fixture.control.updateUser(tenantId: fixture.tenant, promoted) { $0.jobTitle = "Director" }
            let blocked = try await Self.run(fixture)
            #expect(blocked.jobs.first?.status == .blockedBySafety)
            let blockedRun = blocked.runId
            let warnings = try await JournalReader.waitForEntries(matching: [
                "M365SYNC_RUN": blockedRun, "PRIORITY": "4",
            ])
            #expect(warnings.contains { $0["MESSAGE_ID"] == AuditEvent.removalsBlocked.messageID }, "\(warnings)")
            let update = try await JournalReader.waitForEntries(matching: [
                "M365SYNC_RUN": blockedRun, "M365SYNC_ACTION": "update",
            ])
            #expect(update.first?["M365SYNC_SOURCE_ID"] == promoted)
            #expect(update.first?["M365SYNC_FIELDS"] == "jobTitle")
            #expect(update.first?["MESSAGE_ID"] == AuditEvent.contactUpdated.messageID)

            let approved = try await Self.run(fixture, ["--allow-removals"])
            let approvedRun = approved.runId
            let removal = try await JournalReader.waitForEntries(matching: [
                "M365SYNC_RUN": approvedRun, "M365SYNC_ACTION": "remove",
            ])
            #expect(removal.count == 1)
            #expect(removal.first?["M365SYNC_SOURCE_ID"] == gone)
            #expect(removal.first?["M365SYNC_STATUS"] == "applied")
            #expect(removal.first?["MESSAGE_ID"] == AuditEvent.contactRemoved.messageID)
        }
    }
}
