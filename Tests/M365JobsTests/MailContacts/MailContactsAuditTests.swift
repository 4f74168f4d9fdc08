import Foundation
import Logging
import M365Core
import M365Logging
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite(.serialized) struct MailContactsAuditTests {
    @Test func everyAppliedActionIsOneJournalEntry() async throws {
        try #require(JournalReader.isAvailable, "a running systemd-journald is needed")
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let backends = try LogBackends(
                configuration: LoggingConfiguration(
                    journald: LogBackendSettings(enabled: true, level: .info),
                    file: FileLogSettings(enabled: false)
                ),
                label: "m365sync.test",
                interactive: false
            )
            let runID = "mailcontacts-\(UUID().uuidString)"
            var logger = backends.makeLogger()
            logger[metadataKey: "job"] = "t2t"
            logger[metadataKey: "run"] = .string(runID)
            let report = await fixture.run(logger: logger)
            let added = report.targets.first?.counts.add ?? 0
            #expect(added > 0)
            let entries = try await JournalReader.waitForEntries(
                matching: ["M365SYNC_RUN": runID, "M365SYNC_ACTION": "add"],
                count: added
            )
            #expect(entries.count == added)
            let entry = try #require(entries.first)
            #expect(entry["M365SYNC_JOB"] == "t2t")
            #expect(entry["M365SYNC_TARGET"] == "fabrikam")
            #expect(entry["M365SYNC_STATUS"] == "applied")
            #expect(entry["MESSAGE_ID"] == AuditEvent.contactAdded.messageID)
            let ids = Set(entries.compactMap { $0["M365SYNC_SOURCE_ID"] })
            #expect(ids == Set(report.targets.first!.actions.map(\.sourceId)))

            // An update names its changed fields; a removal is its own entry.
            let members = try await fixture.members()
            let (promoted, leaver) = (members[0], members[1])
            _ = try await fixture.control.updateUser(tenantId: fixture.source, promoted.id) { $0.jobTitle = "Chief" }
            try await fixture.control.removeUser(tenantId: fixture.source, leaver.id)
            let secondRun = "mailcontacts-\(UUID().uuidString)"
            logger[metadataKey: "run"] = .string(secondRun)
            let second = await fixture.run(logger: logger)
            #expect(second.status == .succeeded)
            let update = try await JournalReader.waitForEntries(matching: [
                "M365SYNC_RUN": secondRun, "M365SYNC_ACTION": "update",
            ])
            #expect(update.first?["M365SYNC_SOURCE_ID"] == promoted.id)
            #expect(update.first?["M365SYNC_FIELDS"] == "title")
            #expect(update.first?["MESSAGE_ID"] == AuditEvent.contactUpdated.messageID)
            let removal = try await JournalReader.waitForEntries(matching: [
                "M365SYNC_RUN": secondRun, "M365SYNC_ACTION": "remove",
            ])
            #expect(removal.first?["M365SYNC_SOURCE_ID"] == leaver.id)
            #expect(removal.first?["MESSAGE_ID"] == AuditEvent.contactRemoved.messageID)
        }
    }

    @Test func theBuiltBinaryRunsTheJobAndPrintsTheJSONReport() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let path = fixture.deployment.configurationPath
            let result = try await BuiltProducts.run(
                "m365sync",
                arguments: ["run", "--config", path, "--job", "t2t", "--json"]
            )
            #expect(result.status == 0, "\(result.standardError)")
            let json = try JSONValue(decoding: Data(result.standardOutput.utf8))
            let job = try #require(json["jobs"]?[0])
            #expect(job["kind"] == "mailContacts")
            #expect(job["status"] == "succeeded")
            let target = try #require(job["targets"]?[0])
            #expect(target["target"] == "fabrikam")
            let added = Int(target["counts"]?["add"]?.numberValue ?? 0)
            #expect(added > 0)
            #expect(try await fixture.targetContacts().count == added)

            await fixture.control.clearRequestLog()
            let plan = try await BuiltProducts.run(
                "m365sync",
                arguments: ["plan", "--config", path, "--job", "t2t", "--json"]
            )
            #expect(plan.status == 0, "\(plan.standardError)")
            #expect(await fixture.writeCmdlets().isEmpty)
        }
    }
}
