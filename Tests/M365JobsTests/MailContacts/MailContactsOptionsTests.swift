import Foundation
import M365Core
import M365Simulator
import Testing

/// Target options and source edge cases of the mailContacts job, end to end against the Exchange admin API.
@Suite(.serialized) struct MailContactsOptionsTests {
    @Test func hiddenFromAddressListsAndDisplayNameSuffixAreAppliedAndThenStable() async throws {
        let options = #""hiddenFromAddressLists": true, "displayNameSuffix": " (Contoso)""#
        try await MailContactsFixture.with(target: options) { (fixture: MailContactsFixture) async throws in
            let first = await fixture.run()
            let added = try #require(first.targets.first).counts.add
            #expect(added > 0)
            let marked = try await fixture.targetContacts().filter {
                $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true
            }
            #expect(marked.count == added)
            #expect(marked.allSatisfy { $0.hiddenFromAddressListsEnabled })
            #expect(marked.allSatisfy { $0.displayName.hasSuffix(" (Contoso)") })

            await fixture.control.clearRequestLog()
            let second = await fixture.run()
            #expect(second.targets.first?.counts.unchanged == added)
            #expect(await fixture.writeCmdlets().isEmpty)
        }
    }

    @Test func ensureUniqueDisplayNameNumbersClashingNames() async throws {
        try await MailContactsFixture.with(target: #""ensureUniqueDisplayName": true"#) {
            (fixture: MailContactsFixture) async throws in
            let members = try await fixture.members()
            let (first, second) = (members[0], members[1])
            for user in [first, second] {
                _ = try await fixture.control.updateUser(tenantId: fixture.source, user.id) {
                    $0.displayName = "Sam Taylor"
                }
            }
            let report = await fixture.run()
            #expect(report.error == nil)
            var names: Set<String> = []
            for user in [first, second] {
                names.insert(try #require(try await fixture.contact(user.mail!)).displayName)
            }
            #expect(names == ["Sam Taylor", "Sam Taylor (2)"])

            await fixture.control.clearRequestLog()
            _ = await fixture.run()
            #expect(await fixture.writeCmdlets().isEmpty, "numbered names are stable on the next run")
        }
    }

    @Test func withoutEnsureUniqueDisplayNameClashingNamesStayAsTheSourceHasThem() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let members = try await fixture.members()
            for user in members.prefix(2) {
                _ = try await fixture.control.updateUser(tenantId: fixture.source, user.id) {
                    $0.displayName = "Sam Taylor"
                }
            }
            _ = await fixture.run()
            for user in members.prefix(2) {
                #expect(try await fixture.contact(user.mail!)?.displayName == "Sam Taylor")
            }
        }
    }

    @Test func aDuplicateSourceAddressIsReportedAndCreatedOnce() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let members = try await fixture.members()
            let (kept, duplicate) = (members[0], members[1])
            let address = try #require(kept.mail)
            _ = try await fixture.control.updateUser(tenantId: fixture.source, duplicate.id) { $0.mail = address }

            let report = await fixture.run()
            let target = try #require(report.targets.first)
            let withAddress = try await fixture.targetContacts().filter {
                $0.externalEmailAddress.lowercased() == address.lowercased()
            }
            #expect(withAddress.count == 1)
            #expect(withAddress.first?.fields["CustomAttribute15"] == "m365sync:t2t:\(kept.id)")
            let skipped = try #require(target.actions.first { $0.sourceId == duplicate.id })
            #expect(skipped.status == .skipped)
            #expect(skipped.error == SourceSkipReason.duplicateEmail.rawValue)
            #expect(target.counts.failed == 0)
        }
    }

    @Test func usersWithoutAnAddressOrOutsideTheDomainsAreSkippedAndCounted() async throws {
        let domain = "contoso.example"
        try await MailContactsFixture.with(target: #""domains": ["\#(domain)"]"#) {
            (fixture: MailContactsFixture) async throws in
            let members = try await fixture.members()
            // Every member gets an address in the job's domain, then two leave it.
            for user in members {
                _ = try await fixture.control.updateUser(tenantId: fixture.source, user.id) {
                    $0.mail = "\($0.mailNickname ?? $0.id)@\(domain)"
                }
            }
            let before = try #require(await fixture.run(dryRun: true).targets.first)
            _ = try await fixture.control.updateUser(tenantId: fixture.source, members[0].id) {
                $0.mail = nil
                $0.otherMails = []
            }
            _ = try await fixture.control.updateUser(tenantId: fixture.source, members[1].id) {
                $0.mail = "someone@elsewhere.example"
            }

            let after = try #require(await fixture.run().targets.first)
            #expect(after.counts.add == before.counts.add - 2)
            #expect(after.counts.skipped == before.counts.skipped + 2)
            #expect(!after.actions.contains { [members[0].id, members[1].id].contains($0.sourceId) })
            #expect(try await fixture.contact("someone@elsewhere.example") == nil)
        }
    }

    @Test func aManagerAddedInTheSameRunIsLinkedAndAManagerWhoLeftIsCleared() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let members = try await fixture.members()
            let (worker, boss) = (members[0], members[1])
            _ = try await fixture.control.updateUser(tenantId: fixture.source, worker.id) { $0.managerId = boss.id }
            let first = await fixture.run()
            #expect(first.status == .succeeded)
            let bossContact = try #require(try await fixture.contact(boss.mail!))
            let linked = try #require(try await fixture.contact(worker.mail!))
            #expect([bossContact.guid, bossContact.name].contains(linked.fields["Manager"] ?? ""), "\(linked.fields)")

            await fixture.control.clearRequestLog()
            _ = await fixture.run()
            #expect(await fixture.writeCmdlets().isEmpty, "the link causes no update on the next run")

            // The manager leaves: the link to the removed contact does not stay.
            try await fixture.control.removeUser(tenantId: fixture.source, boss.id)
            let third = await fixture.run()
            let update = try #require(third.targets.first?.actions.first { $0.sourceId == worker.id })
            #expect(update.changes["manager"] != nil)
            #expect(try await fixture.contact(worker.mail!)?.fields["Manager"] == nil)
        }
    }

    @Test func aRenameOntoANameSomeoneElseHoldsGetsANumberedName() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let user = try #require(try await fixture.members().first)
            _ = await fixture.run()
            // A hand-made contact (another address) already has the Name the renamed user would get.
            let other = try await fixture.addForeignContact(name: "Robin Quinn", email: "robin@elsewhere.example")
            _ = try await fixture.control.updateUser(tenantId: fixture.source, user.id) {
                $0.displayName = "Robin Quinn"
            }

            let report = await fixture.run()
            let update = try #require(report.targets.first?.actions.first { $0.sourceId == user.id })
            #expect(update.status == .applied, "\(update.error ?? "")")
            let renamed = try #require(try await fixture.contact(user.mail!))
            #expect(renamed.name == "Robin Quinn-2")
            #expect(renamed.displayName == "Robin Quinn")
            #expect(try await fixture.contact(other.externalEmailAddress) == other)

            await fixture.control.clearRequestLog()
            _ = await fixture.run()
            #expect(await fixture.writeCmdlets().isEmpty, "the numbered name is kept on the next run")
        }
    }

    @Test func aLinkToAManagerAddedLaterIsAnAuditedUpdateOfTheExistingContact() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let members = try await fixture.members()
            let (worker, boss) = (members[0], members[1])
            let bossMail = try #require(boss.mail)
            // The boss has no address at first, so only the worker is synced.
            _ = try await fixture.control.updateUser(tenantId: fixture.source, boss.id) { $0.mail = nil }
            _ = try await fixture.control.updateUser(tenantId: fixture.source, worker.id) { $0.managerId = boss.id }
            let first = await fixture.run()
            let synced = try #require(first.targets.first)
            #expect(try await fixture.contact(worker.mail!)?.fields["Manager"] == nil)

            _ = try await fixture.control.updateUser(tenantId: fixture.source, boss.id) { $0.mail = bossMail }
            let second = await fixture.run()
            let target = try #require(second.targets.first)
            let link = try #require(target.actions.first { $0.sourceId == worker.id })
            #expect(link.action == .update && link.status == .applied)
            #expect(link.changes.keys.sorted() == ["manager"])
            #expect(target.counts.add == 1 && target.counts.update == 1)
            #expect(target.counts.unchanged == synced.counts.add - 1, "the linked worker is not also counted unchanged")
            #expect(try await fixture.contact(worker.mail!)?.fields["Manager"] != nil)
        }
    }
}
