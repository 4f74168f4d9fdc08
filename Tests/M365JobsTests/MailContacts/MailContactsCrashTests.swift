import Foundation
import M365Core
import M365Simulator
import M365State
import M365TestSupport
import Testing

/// The real `m365sync run` killed with SIGKILL in the middle of an add; the next run must converge.
@Suite(.serialized) struct MailContactsCrashTests {
    @Test func aKillBetweenNewMailContactAndItsMarkerIsRepairedWhateverHappenedToThePerson() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            // Set-MailContact (the marker) is held and never applied: every add stops after New-MailContact.
            await fixture.control.setFault(
                FaultRule(
                    endpoint: "exchange.invoke",
                    cmdlet: "Set-MailContact",
                    action: .stallBeforeApplying(seconds: 120)
                )
            )
            let child = try await KillableProcess.start(
                "m365sync",
                arguments: ["run", "--config", fixture.deployment.configurationPath, "--job", "t2t"]
            )
            let stalled = await fixture.control.waitForRequest { $0.cmdlet == "Set-MailContact" }
            try #require(stalled != nil, "no Set-MailContact arrived: \(child.output)")
            #expect(try await offCooperativePool { child.kill9() }, "killed while the run was waiting")
            await fixture.control.clearFaults()

            let members = try await fixture.members()
            let addresses = Set(members.compactMap { $0.mail?.lowercased() })
            let unmarked = try await fixture.targetContacts().filter {
                addresses.contains($0.externalEmailAddress.lowercased()) && $0.fields["CustomAttribute15"] == nil
            }
            try #require(!unmarked.isEmpty, "the kill left an add without its marker")
            // The person of one interrupted add leaves; of another (when there is one) changes address.
            let leaver = try #require(
                members.first { $0.mail?.lowercased() == unmarked[0].externalEmailAddress.lowercased() }
            )
            try await fixture.control.removeUser(tenantId: fixture.source, leaver.id)
            if unmarked.count > 1 {
                let mover = try #require(
                    members.first { $0.mail?.lowercased() == unmarked[1].externalEmailAddress.lowercased() }
                )
                try await fixture.control.updateUser(tenantId: fixture.source, mover.id) {
                    $0.mail = "moved.\(mover.id.prefix(8))@contoso.example"
                }
            }

            let repair = await fixture.run()
            #expect(repair.targets.first?.counts.failed == 0, "\(repair.targets.first?.actions ?? [])")
            try await fixture.expectConverged()
            #expect(try await fixture.contact(leaver.mail!) == nil, "the leaver's interrupted add is removed")

            await fixture.control.clearRequestLog()
            let quiet = await fixture.run()
            #expect(quiet.status == .succeeded)
            #expect(await fixture.writeCmdlets().isEmpty, "the run after the repair writes nothing")
        }
    }

    @Test func anInterruptedAddFromAnEarlierVersionWithoutASourceIdIsStillRepaired() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let members = try await fixture.members()
            let leaver = try #require(members.first)
            let address = try #require(leaver.mail)
            // What an interrupted add of an earlier version left: an unmarked contact and a record of its Name.
            let name = leaver.displayName
            try await fixture.addForeignContact(name: name, email: address)
            try fixture.stateStore().setValue(name, forKey: address.lowercased(), scope: "mailContacts.pendingAdds.t2t")
            try await fixture.control.removeUser(tenantId: fixture.source, leaver.id)

            let repair = await fixture.run()
            #expect(repair.targets.first?.counts.failed == 0)
            #expect(try await fixture.contact(address) == nil)
            try await fixture.expectConverged()
        }
    }
}
