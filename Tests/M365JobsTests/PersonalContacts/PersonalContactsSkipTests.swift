import Foundation
import M365Core
import M365Jobs
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: skip switches")
struct PersonalContactsSkipTests {
    @Test func skipSwitchesLeaveThatKindOfChangeAlone() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            let box = #""mailboxes": ["\#(mailbox)"]"#
            try fixture.writeJob("pc", target: box + #", "skipAdd": true"#)
            let none = try await fixture.run()
            #expect(none.totals.add == 0)
            #expect(try await fixture.managed(mailbox).isEmpty)

            try fixture.writeJob("pc", target: box)
            let first = try await fixture.run()
            let ids = try first.firstTarget.actions.map(\.sourceId).sorted()
            try await fixture.control.updateUser(tenantId: fixture.tenant, ids[0]) { $0.jobTitle = "Skipped Title" }
            try await fixture.control.removeUser(tenantId: fixture.tenant, ids[1])

            try fixture.writeJob("pc", target: box + #", "skipUpdate": true, "skipRemove": true"#)
            await fixture.control.clearRequestLog()
            let skipped = try await fixture.run()
            #expect(skipped.totals.update == 0 && skipped.totals.remove == 0, "\(skipped.totals)")
            #expect(await fixture.deployment.writeRequests().isEmpty)
            #expect(try await fixture.managed(mailbox).count == first.totals.add)

            try fixture.writeJob("pc", target: box)
            let applied = try await fixture.run()
            #expect(applied.totals.update == 1 && applied.totals.remove == 1, "\(applied.totals)")
            #expect(try await fixture.handMadeUntouched())
        }
    }
}
