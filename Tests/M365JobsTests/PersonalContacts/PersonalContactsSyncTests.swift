import Foundation
import M365Core
import M365Jobs
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: sync, idempotence, changes")
struct PersonalContactsSyncTests {
    @Test func firstRunAddsEveryoneAndSecondRunWritesNothing() async throws {
        try await PersonalContactsFixture.with(target: nil) { fixture in
            let first = try await fixture.run()
            #expect(first.status == .succeeded, "\(first)")
            #expect(first.targets.count == 2)
            let people = try first.firstTarget.counts.add
            #expect(people > 0)
            for mailbox in fixture.mailboxes { #expect(try await fixture.managed(mailbox).count == people) }
            #expect(try await fixture.handMadeUntouched())

            await fixture.control.clearRequestLog()
            let second = try await fixture.run()
            #expect(second.status == .succeeded)
            #expect(second.totals.add == 0 && second.totals.update == 0 && second.totals.remove == 0)
            #expect(second.totals.unchanged == people * 2)
            #expect(await fixture.deployment.writeRequests().isEmpty)
            #expect(try await fixture.handMadeUntouched())
        }
    }

    @Test func directoryChangesBecomeAddUpdateRemove() async throws {
        try await PersonalContactsFixture.with(target: nil) { fixture in
            let first = try await fixture.run()
            let synced = try Set(first.firstTarget.actions.map(\.sourceId))
            let users = try await fixture.control.users(tenantId: fixture.tenant).filter { synced.contains($0.id) }
            let changed = users[3]
            let leaver = users[4]
            try await fixture.control.updateUser(tenantId: fixture.tenant, changed.id) { $0.jobTitle = "Chief Tester" }
            try await fixture.control.removeUser(tenantId: fixture.tenant, leaver.id)
            var hire = users[5]
            hire.id = ""
            hire.userPrincipalName = "new.hire@\(fixture.deployment.tenants["contoso"]!.domain)"
            hire.mail = hire.userPrincipalName
            hire.displayName = "New Hire"
            hire.hasMailbox = false
            let added = try await fixture.control.addUser(tenantId: fixture.tenant, hire)

            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            for target in report.targets {
                #expect(target.counts.add == 1 && target.counts.update == 1 && target.counts.remove == 1, "\(target)")
                let byKind = Dictionary(grouping: target.actions, by: \.action)
                #expect(byKind[.add]?.first?.sourceId == added.id)
                #expect(byKind[.remove]?.first?.sourceId == leaver.id)
                let update = byKind[.update]?.first
                #expect(update?.sourceId == changed.id)
                #expect(update?.changes["jobTitle"]?.new == "Chief Tester")
                #expect(target.actions.allSatisfy { $0.status == .applied })
            }
            let titles = try await fixture.managed(fixture.mailboxes[0]).compactMap { $0["jobTitle"]?.stringValue }
            #expect(titles.contains("Chief Tester"))
            #expect(try await fixture.handMadeUntouched())
        }
    }

    @Test func emptiedSourceFieldIsCleared() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            _ = try await fixture.run()
            let user = try await fixture.control.users(tenantId: fixture.tenant).first {
                $0.jobTitle != nil && $0.mobilePhone != nil
            }!
            try await fixture.control.updateUser(tenantId: fixture.tenant, user.id) {
                $0.jobTitle = nil
                $0.mobilePhone = nil
            }
            let report = try await fixture.run()
            let update = try #require(report.targets.first?.actions.first { $0.sourceId == user.id })
            #expect(update.action == .update)
            #expect(Set(update.changes.keys).isSuperset(of: ["jobTitle", "mobilePhone"]))
            let contact = try await fixture.managed(fixture.mailboxes[0]).first {
                $0["displayName"]?.stringValue == user.displayName
            }
            let title = contact?["jobTitle"]
            #expect(title == nil || title == .null || title == .string(""))
            let mobile = contact?["mobilePhone"]
            #expect(mobile == nil || mobile == .null || mobile == .string(""))
        }
    }

    @Test func dryRunAndPlanMakeNoWrite() async throws {
        try await PersonalContactsFixture.with(
            target: nil,
            top: ""
        ) { fixture in
            try fixture.writeJob(
                "pc",
                target: #""mailboxes": ["\#(fixture.mailboxes[0])"], "folder": "Directory/Staff""#
            )
            await fixture.control.clearRequestLog()
            let report = try await fixture.run(dryRun: true)
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.totals.add > 0)
            #expect(try report.firstTarget.actions.allSatisfy { $0.status == .planned })
            #expect(await fixture.deployment.writeRequests().isEmpty)
            #expect(try await fixture.managed(fixture.mailboxes[0]).isEmpty)

            try fixture.writeJob(
                "pc",
                target: #""mailboxes": ["\#(fixture.mailboxes[0])"], "folder": "Directory/Staff""#,
                top: #""dryRun": true"#
            )
            let again = try await fixture.run()
            #expect(again.totals.add == report.totals.add)
            #expect(await fixture.deployment.writeRequests().isEmpty)
        }
    }
}
