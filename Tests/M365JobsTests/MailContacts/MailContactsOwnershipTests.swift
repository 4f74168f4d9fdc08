import Foundation
import M365Core
import M365Simulator
import Testing

@Suite(.serialized) struct MailContactsOwnershipTests {
    @Test func markerModeLeavesAnUnmarkedContactWithASourceAddressAlone() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let members = try await fixture.members()
            let (user, namesake) = (members[0], members[1])
            let foreign = try await fixture.addForeignContact(name: "Hand made", email: user.mail!)
            // Someone made a contact with the very Name this job derives (the display name) and the address.
            let twin = try await fixture.addForeignContact(name: namesake.displayName, email: namesake.mail!)
            let gone = try await fixture.addForeignContact(
                name: "Old partner",
                email: "old@" + user.mail!.split(separator: "@")[1]
            )
            await fixture.control.clearRequestLog()
            let report = await fixture.run()
            let target = try #require(report.targets.first)
            for person in [user, namesake] {
                let action = try #require(target.actions.first { $0.sourceId == person.id })
                #expect(action.status == .skipped)
                #expect(action.error?.hasPrefix("addressInUse") == true, "\(action.error ?? "")")
            }
            #expect(report.status == .succeeded, "a taken address is reported, not a failure")
            for original in [foreign, twin] {
                let after = try #require(try await fixture.contact(original.externalEmailAddress))
                #expect(after == original, "untouched: no marker, no field written")
            }
            #expect(try await fixture.contact(gone.externalEmailAddress) != nil)
            // One New-MailContact per taken address: no renumbering loop. (An alias another recipient holds
            // costs one more attempt per number: `nick-3` took three.)
            let creates = await fixture.writeCmdlets().filter { $0 == "New-MailContact" }.count
            let aliasRetries = try await fixture.targetContacts()
                .filter { $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true }
                .compactMap { contact in contact.alias.split(separator: "-").last.flatMap { Int($0) }.map { $0 - 1 } }
                .reduce(0, +)
            #expect(creates == target.counts.add + 2 + aliasRetries)
        }
    }

    @Test func domainModeAdoptsAMatchingContactAndRemovesStrayOnes() async throws {
        try await MailContactsFixture.with(target: "\"ownership\": \"domain\"") {
            (fixture: MailContactsFixture) async throws in
            let user = try #require(try await fixture.members().first)
            let domain = String(user.mail!.split(separator: "@")[1])
            let existing = try await fixture.addForeignContact(name: "Hand made", email: user.mail!)
            try await fixture.addForeignContact(name: "Old partner", email: "old@\(domain)")
            try await fixture.addForeignContact(name: "Elsewhere", email: "someone@elsewhere.example")
            let report = await fixture.run()
            #expect(report.targets.first?.counts.failed == 0)
            let adopted = try #require(try await fixture.contact(user.mail!))
            #expect(adopted.guid == existing.guid)
            #expect(adopted.fields["CustomAttribute15"] == "m365sync:t2t:\(user.id)")
            #expect(try await fixture.contact("old@\(domain)") == nil)
            #expect(try await fixture.contact("someone@elsewhere.example") != nil)

            // clear in domain mode removes only what the job stamped.
            try await fixture.addForeignContact(name: "Late partner", email: "late@\(domain)")
            let cleared = await fixture.clear()
            #expect(cleared.targets.first?.counts.failed == 0)
            let left = try await fixture.targetContacts().map(\.externalEmailAddress).sorted()
            #expect(left == ["late@\(domain)", "someone@elsewhere.example"].sorted())
        }
    }

    @Test func clearRemovesOnlyTheJobsMarkedContacts() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let added = await fixture.run().targets.first?.counts.add ?? 0
            #expect(added > 0)
            try await fixture.addForeignContact(
                name: "Other job",
                email: "x@partner.example",
                marker: "m365sync:other:1"
            )
            try await fixture.addForeignContact(name: "By hand", email: "y@partner.example")
            await fixture.control.clearRequestLog()
            let dry = await fixture.clear(dryRun: true)
            #expect(dry.targets.first?.actions.count == added)
            #expect(await fixture.writeCmdlets().isEmpty)
            let cleared = await fixture.clear()
            #expect(cleared.targets.first?.counts.remove == added)
            let left = try await fixture.targetContacts().map(\.externalEmailAddress).sorted()
            #expect(left == ["x@partner.example", "y@partner.example"])
        }
    }

    @Test func twoWayJobsDoNotPickUpEachOthersContacts() async throws {
        let back = MailContactsFixture.job(from: "fabrikam", to: "contoso")
        try await MailContactsFixture.with(jobs: ["back": back]) { (fixture: MailContactsFixture) async throws in
            let forward1 = await fixture.run()
            let backward1 = await fixture.run("back")
            #expect((forward1.targets.first?.counts.add ?? 0) > 0)
            #expect((backward1.targets.first?.counts.add ?? 0) > 0)
            await fixture.control.clearRequestLog()
            let forward2 = await fixture.run()
            let backward2 = await fixture.run("back")
            #expect(forward2.targets.first?.counts.add == 0 && forward2.targets.first?.counts.remove == 0)
            #expect(backward2.targets.first?.counts.add == 0 && backward2.targets.first?.counts.remove == 0)
            #expect(await fixture.writeCmdlets().isEmpty)
            let inContoso = try await fixture.control.mailContacts(tenantId: fixture.source)
            #expect(inContoso.allSatisfy { $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:back:") == true })
            let inFabrikam = try await fixture.targetContacts()
            #expect(inFabrikam.allSatisfy { $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true })
        }
    }
}
