import Foundation
import M365Core
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: journal audit trail", .enabled(if: JournalReader.isAvailable))
struct PersonalContactsJournalTests {
    /// Turns journald logging on in the deployment's `m365sync.json`.
    static func enableJournal(_ fixture: PersonalContactsFixture) throws {
        let path = fixture.deployment.directory.appending("m365sync.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: #""journald": {"enabled": false}"#, with: #""journald": {"enabled": true}"#)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func run(_ fixture: PersonalContactsFixture) async throws -> RunReport {
        let config = fixture.deployment.configurationPath
        let process = try await offCooperativePool {
            try BuiltProducts.run("m365sync", arguments: ["run", "--config", config, "--job", "pc", "--json"])
        }
        return try JSONDecoder().decode(RunReport.self, from: Data(process.standardOutput.utf8))
    }

    @Test func everyActionAndTheRunAreJournalEntries() async throws {
        let fixture = try await PersonalContactsFixture.start(
            mailboxes: 1,
            target: nil,
            safety: #""maxRemove": 0, "maxRemovePercent": 100"#
        )
        defer { Task { await fixture.stop() } }
        try Self.enableJournal(fixture)
        let first = try await Self.run(fixture)
        let adds = try #require(first.jobs.first?.totals.add)
        try #require(adds > 0, "\(first)")
        let runId = first.runId
        let entries = try await offCooperativePool {
            try JournalReader.waitForEntries(
                matching: ["M365SYNC_RUN": runId, "M365SYNC_ACTION": "add"],
                count: adds
            )
        }
        #expect(entries.count == adds)
        for entry in entries {
            #expect(entry["M365SYNC_JOB"] == "pc")
            #expect(entry["M365SYNC_TARGET"] == fixture.mailboxes[0])
            #expect(entry["M365SYNC_STATUS"] == "applied")
            #expect(entry["M365SYNC_SOURCE_ID"].map { !$0.isEmpty } == true)
        }
        let all = try await offCooperativePool { try JournalReader.entries(matching: ["M365SYNC_RUN": runId]) }
        #expect(all.count > adds, "run start and end events are there too")

        let gone = try #require(first.jobs.first?.targets.first?.actions.first?.sourceId)
        try await fixture.control.removeUser(tenantId: fixture.tenant, gone)
        let blocked = try await Self.run(fixture)
        #expect(blocked.jobs.first?.status == .blockedBySafety)
        let blockedRun = blocked.runId
        let warnings = try await offCooperativePool {
            try JournalReader.waitForEntries(matching: ["M365SYNC_RUN": blockedRun, "PRIORITY": "4"])
        }
        #expect(warnings.contains { $0["MESSAGE_ID"] != nil }, "\(warnings)")
        await fixture.finish()
    }
}
