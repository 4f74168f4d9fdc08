import Foundation
import M365Core
import M365Simulator
import M365TestSupport
import Testing

/// Every cmdlet a mail contacts run writes with × the three moments a kill can hit it: the next run converges
/// (one marked contact per eligible person, no stray, foreign contacts untouched) and the run after it writes
/// nothing.
@Suite("Mail contacts crash points")
struct MailContactsCrashPointTests {
    enum Write: String, CaseIterable, Sendable {
        case newMailContact = "New-MailContact"
        case setMailContact = "Set-MailContact"
        case setContact = "Set-Contact"
        case removeMailContact = "Remove-MailContact"

        var matcher: WriteMatcher {
            WriteMatcher(endpoint: "exchange.invoke", cmdlet: rawValue, kind: "exchange.\(rawValue)")
        }
    }

    @Test(arguments: Write.allCases, CrashMoment.allCases)
    func aKillAtACmdletIsRepairedByTheNextRun(write: Write, moment: CrashMoment) async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let foreign = try await fixture.addForeignContact(name: "Hand made", email: "partner@elsewhere.example")
            var leavers: [String] = []
            if write == .removeMailContact {
                let first = await fixture.run()
                #expect(first.status == .succeeded)
                for leaver in try await fixture.members().suffix(2) {
                    try await fixture.control.removeUser(tenantId: fixture.source, leaver.id)
                    leavers.append(leaver.id)
                }
            }
            try await runKilled(
                job: "t2t",
                configuration: fixture.deployment.configurationPath,
                control: fixture.control,
                at: write.matcher,
                moment: moment
            )

            let repair = await fixture.run()
            #expect(repair.status == .succeeded, "\(repair.targets.first?.actions ?? [])")
            try await fixture.expectConverged()
            let contacts = try await fixture.targetContacts()
            for leaver in leavers {
                #expect(!contacts.contains { $0.fields["CustomAttribute15"] == "m365sync:t2t:\(leaver)" })
            }
            #expect(try await fixture.contact(foreign.externalEmailAddress) == foreign, "foreign contact untouched")
            await fixture.control.clearRequestLog()
            let quiet = await fixture.run()
            #expect(quiet.status == .succeeded)
            #expect(await fixture.writeCmdlets().isEmpty, "the run after the repair writes nothing")
        }
    }
}
