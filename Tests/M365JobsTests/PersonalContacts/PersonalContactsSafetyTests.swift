import Foundation
import M365Core
import M365Jobs
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: safety limits, duplicates")
struct PersonalContactsSafetyTests {
    /// Removes `count` synced members from the directory; returns their ids.
    static func removeSynced(
        _ fixture: PersonalContactsFixture,
        from report: JobReport,
        count: Int
    ) async throws
        -> [String]
    {
        let ids = try Array(report.firstTarget.actions.map(\.sourceId).sorted().prefix(count))
        for id in ids { try await fixture.control.removeUser(tenantId: fixture.tenant, id) }
        return ids
    }

    @Test func removalsBeyondMaxRemoveAreBlockedUntilAllowed() async throws {
        try await PersonalContactsFixture.with(
            target: nil,
            safety: #""maxRemove": 1, "maxRemovePercent": 100"#
        ) { fixture in
            let first = try await fixture.run()
            let people = try first.firstTarget.counts.add
            _ = try await Self.removeSynced(fixture, from: first, count: 2)

            let blocked = try await fixture.run()
            #expect(blocked.status == .blockedBySafety, "\(blocked)")
            #expect(blocked.targets.allSatisfy { $0.counts.blocked == 2 && $0.counts.remove == 0 })
            for mailbox in fixture.mailboxes { #expect(try await fixture.managed(mailbox).count == people) }

            let allowed = try await fixture.run(allowRemovals: true)
            #expect(allowed.status == .succeeded, "\(allowed)")
            #expect(allowed.targets.allSatisfy { $0.counts.remove == 2 })
            for mailbox in fixture.mailboxes { #expect(try await fixture.managed(mailbox).count == people - 2) }
            #expect(try await fixture.handMadeUntouched())
        }
    }

    @Test func removalsBeyondMaxRemovePercentAreBlockedButAddsApply() async throws {
        try await PersonalContactsFixture.with(
            mailboxes: 1,
            target: nil,
            safety: #""maxRemove": 100, "maxRemovePercent": 10"#
        ) { fixture in
            let first = try await fixture.run()
            let removed = try await Self.removeSynced(fixture, from: first, count: 3)
            // In the same run a new hire arrives and someone changes title: both still apply.
            let licence = try await fixture.control.users(tenantId: fixture.tenant).first?.assignedLicenses ?? []
            let hire = try await fixture.control.addUser(
                tenantId: fixture.tenant,
                DirectoryUser(
                    id: "",
                    userPrincipalName: "new.hire@\(fixture.deployment.tenants["contoso"]!.domain)",
                    displayName: "New Hire",
                    mail: "new.hire@\(fixture.deployment.tenants["contoso"]!.domain)",
                    accountEnabled: true,
                    assignedLicenses: licence
                )
            )
            let promoted = try #require(
                try first.firstTarget.actions.map(\.sourceId).first { !removed.contains($0) }
            )
            try await fixture.control.updateUser(tenantId: fixture.tenant, promoted) { $0.jobTitle = "Chief" }
            let report = try await fixture.run()
            #expect(report.status == .blockedBySafety)
            let actions = try report.firstTarget.actions.filter { removed.contains($0.sourceId) }
            #expect(actions.count == 3 && actions.allSatisfy { $0.status == .blocked })
            let applied = try report.firstTarget.actions.filter { $0.status == .applied }
            #expect(applied.contains { $0.action == .add && $0.sourceId == hire.id }, "\(applied)")
            #expect(applied.contains { $0.action == .update && $0.sourceId == promoted })
        }
    }

    @Test func duplicatesAreReducedToOne() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let first = try await fixture.run()
            let mailbox = fixture.mailboxes[0]
            let original = try #require(try await fixture.managed(mailbox).first)
            let body = [
                "displayName": original["displayName"] ?? .null,
                "singleValueExtendedProperties": original["singleValueExtendedProperties"] ?? .null,
            ]
            try await fixture.control.addPersonalContact(mailbox: mailbox, contact: .object(body))
            #expect(try await fixture.managed(mailbox).count == first.totals.add + 1)

            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.totals.remove == 1)
            #expect(report.totals.update == 0, "the complete contact is the one kept, so nothing needs updating")
            let left = try await fixture.managed(mailbox)
            #expect(left.count == first.totals.add)
            #expect(left.contains { $0 == original }, "the original contact stays byte for byte")
        }
    }
}
