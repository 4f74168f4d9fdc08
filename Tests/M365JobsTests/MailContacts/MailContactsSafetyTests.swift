import Foundation
import M365Core
import M365Simulator
import Testing

@Suite(.serialized) struct MailContactsSafetyTests {
    @Test func removalsBeyondMaxRemoveAreBlockedUntilAllowed() async throws {
        try await MailContactsFixture.with(safety: "\"maxRemove\": 1, \"maxRemovePercent\": 100") {
            (fixture: MailContactsFixture) async throws in
            _ = await fixture.run()
            let leavers = Array(try await fixture.members().prefix(2))
            for user in leavers {
                try await fixture.control.removeUser(tenantId: fixture.source, user.id, permanently: true)
            }
            let blocked = await fixture.run()
            #expect(blocked.status == .blockedBySafety)
            #expect(blocked.targets.first?.counts.blocked == 2)
            for user in leavers { #expect(try await fixture.contact(user.mail!) != nil) }
            let allowed = await fixture.run(allowRemovals: true)
            #expect(allowed.status == .succeeded)
            #expect(allowed.targets.first?.counts.remove == 2)
            for user in leavers { #expect(try await fixture.contact(user.mail!) == nil) }
        }
    }

    @Test func removalsBeyondMaxRemovePercentAreBlocked() async throws {
        try await MailContactsFixture.with(safety: "\"maxRemove\": 100, \"maxRemovePercent\": 10") {
            (fixture: MailContactsFixture) async throws in
            _ = await fixture.run()
            for user in try await fixture.members().prefix(2) {
                try await fixture.control.removeUser(tenantId: fixture.source, user.id, permanently: true)
            }
            let report = await fixture.run()
            #expect(report.status == .blockedBySafety)
            #expect(report.targets.first?.counts.remove == 0)
        }
    }

    @Test func aFailedSourceReadRemovesNothing() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let added = await fixture.run().targets.first?.counts.add ?? 0
            await fixture.control.setFault(
                FaultRule(endpoint: "graph.users.delta", action: .status(400, retryAfter: nil), skip: 0)
            )
            await fixture.control.clearRequestLog()
            let report = await fixture.run()
            #expect(report.status == .failed)
            #expect(report.error?.contains("reading the source failed") == true)
            #expect(await fixture.writeCmdlets().isEmpty)
            #expect(try await fixture.targetContacts().count == added)
        }
    }

    @Test func skipSwitchesLeaveTheirActionsOut() async throws {
        try await MailContactsFixture.with(target: "\"skipAdd\": true") { (fixture: MailContactsFixture) async throws in
            let report = await fixture.run()
            #expect(report.targets.first?.counts.add == 0)
            #expect((report.targets.first?.counts.skipped ?? 0) > 0)
            #expect(try await fixture.targetContacts().isEmpty)
        }

        try await MailContactsFixture.with(target: "\"skipUpdate\": true, \"skipRemove\": true") {
            (other: MailContactsFixture) async throws in
            _ = await other.run()
            let members = try await other.members()
            _ = try await other.control.updateUser(tenantId: other.source, members[0].id) { $0.jobTitle = "Changed" }
            try await other.control.removeUser(tenantId: other.source, members[1].id, permanently: true)
            await other.control.clearRequestLog()
            let second = await other.run()
            #expect(second.targets.first?.counts.update == 0)
            #expect(second.targets.first?.counts.remove == 0)
            let skipped = second.targets.first?.actions.filter { $0.status == .skipped }.compactMap(\.error).sorted()
            #expect(skipped == ["skipRemove", "skipUpdate"])
            #expect(await other.writeCmdlets().isEmpty)
        }
    }
}
