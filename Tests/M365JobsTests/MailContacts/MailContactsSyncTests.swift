import Foundation
import M365Core
import M365Simulator
import Testing

@Suite(.serialized) struct MailContactsSyncTests {
    @Test func firstSyncCreatesMarkedContactsAndTheRerunWritesNothing() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let first = await fixture.run()
            #expect(first.error == nil)
            let target = try #require(first.targets.first)
            #expect(first.targets.count == 1)
            #expect(target.target == "fabrikam")
            #expect(target.counts.add > 0)
            #expect(target.counts.failed == 0)
            let contacts = try await fixture.targetContacts()
            let marked = contacts.filter { $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true }
            #expect(marked.count == target.counts.add)

            await fixture.control.clearRequestLog()
            let second = await fixture.run()
            #expect(second.targets.first?.counts.add == 0)
            #expect(second.targets.first?.counts.update == 0)
            #expect(second.targets.first?.counts.unchanged == target.counts.add)
            #expect(await fixture.writeCmdlets().isEmpty)
        }
    }

    @Test func everyMappedFieldIncludingOfficeStateAndCountryAndClearing() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            _ = await fixture.run()
            let user = try #require(
                try await fixture.control.users(tenantId: fixture.source).first { user in
                    user.mail != nil && user.accountEnabled && user.userType == "Member"
                }
            )
            _ = try await fixture.control.updateUser(tenantId: fixture.source, user.id) {
                $0.jobTitle = "Buyer"
                $0.companyName = "Contoso Ltd"
                $0.department = "Purchasing"
                $0.officeLocation = "Building 7"
                $0.businessPhones = ["+1 555 0100"]
                $0.mobilePhone = "+1 555 0199"
                $0.streetAddress = "1 Main St"
                $0.city = "Springfield"
                $0.state = "Illinois"
                $0.postalCode = "62701"
                $0.country = "United States"
                $0.givenName = "Ada"
                $0.surname = "Lovelace"
            }
            let report = await fixture.run()
            let update = try #require(report.targets.first?.actions.first { $0.sourceId == user.id })
            #expect(update.action == .update)
            #expect(update.status == .applied)
            #expect(update.changes["office"]?.new == "Building 7")
            let contact = try #require(try await fixture.contact(user.mail!))
            #expect(contact.fields["Title"] == "Buyer")
            #expect(contact.fields["Company"] == "Contoso Ltd")
            #expect(contact.fields["Department"] == "Purchasing")
            #expect(contact.fields["Office"] == "Building 7")
            #expect(contact.fields["Phone"] == "+1 555 0100")
            #expect(contact.fields["MobilePhone"] == "+1 555 0199")
            #expect(contact.fields["StreetAddress"] == "1 Main St")
            #expect(contact.fields["City"] == "Springfield")
            #expect(contact.fields["StateOrProvince"] == "Illinois")
            #expect(contact.fields["PostalCode"] == "62701")
            #expect(contact.fields["CountryOrRegion"] == "United States")
            #expect(contact.fields["FirstName"] == "Ada")
            #expect(contact.fields["LastName"] == "Lovelace")

            await fixture.control.clearRequestLog()
            #expect(await fixture.run().targets.first?.counts.update == 0)
            #expect(await fixture.writeCmdlets().isEmpty)

            _ = try await fixture.control.updateUser(tenantId: fixture.source, user.id) {
                $0.officeLocation = nil
                $0.state = nil
                $0.country = nil
            }
            let cleared = await fixture.run()
            #expect(cleared.targets.first?.counts.update == 1)
            let after = try #require(try await fixture.contact(user.mail!))
            #expect((after.fields["Office"] ?? "").isEmpty)
            #expect((after.fields["StateOrProvince"] ?? "").isEmpty)
            #expect((after.fields["CountryOrRegion"] ?? "").isEmpty)
        }
    }

    @Test func dryRunWritesNothing() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let report = await fixture.run(dryRun: true)
            #expect((report.targets.first?.counts.add ?? 0) > 0)
            #expect(report.targets.first?.actions.allSatisfy { $0.status == .planned } == true)
            #expect(await fixture.writeCmdlets().isEmpty)
            #expect(try await fixture.targetContacts().isEmpty)
        }
    }

    @Test func removedSourceUserIsRemovedAndItsNameReused() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            _ = await fixture.run()
            let users = try await fixture.control.users(tenantId: fixture.source).filter {
                $0.mail != nil && $0.accountEnabled && $0.userType == "Member"
            }
            let leaver = try #require(users.first)
            let oldName = try #require(try await fixture.contact(leaver.mail!)).name
            try await fixture.control.removeUser(tenantId: fixture.source, leaver.id, permanently: true)
            // A new person with the same display name: gets the name the leaver frees in the same run.
            var newcomer = leaver
            newcomer.id = ""
            newcomer.userPrincipalName = "newcomer@" + leaver.userPrincipalName.split(separator: "@").last!
            newcomer.mail = newcomer.userPrincipalName
            newcomer.mailNickname = "newcomer"
            _ = try await fixture.control.addUser(tenantId: fixture.source, newcomer)
            let report = await fixture.run()
            #expect(report.targets.first?.counts.remove == 1)
            #expect(report.targets.first?.counts.add == 1)
            #expect(try await fixture.contact(leaver.mail!) == nil)
            #expect(try await fixture.contact(newcomer.mail!)?.name == oldName)
        }
    }

    @Test func nameCollisionWithAnUnrelatedContactGetsANumberedName() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let user = try #require(
                try await fixture.control.users(tenantId: fixture.source).first {
                    $0.mail != nil && $0.accountEnabled && $0.userType == "Member"
                }
            )
            _ = try await fixture.control.addMailContact(
                tenantId: fixture.target,
                MailContact(
                    guid: "",
                    name: user.displayName,
                    alias: "someoneelse",
                    displayName: user.displayName,
                    externalEmailAddress: "someone@elsewhere.example"
                )
            )
            let report = await fixture.run()
            #expect(report.targets.first?.counts.failed == 0)
            let contact = try #require(try await fixture.contact(user.mail!))
            #expect(contact.name == user.displayName + "-2")
            #expect(try await fixture.contact("someone@elsewhere.example")?.fields["CustomAttribute15"] == nil)
        }
    }

    @Test func anAliasHeldByAnotherRecipientGetsANumberedAliasAndTheJobConverges() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let user = try #require(
                try await fixture.control.users(tenantId: fixture.source).first {
                    $0.mail != nil && $0.accountEnabled && $0.userType == "Member" && $0.mailNickname != nil
                }
            )
            let nickname = try #require(user.mailNickname)
            let holder = try await fixture.control.addMailContact(
                tenantId: fixture.target,
                MailContact(
                    guid: "",
                    name: "Someone Else",
                    alias: nickname,
                    displayName: "Someone Else",
                    externalEmailAddress: "someone@elsewhere.example"
                )
            )
            let first = await fixture.run()
            #expect(first.targets.first?.counts.failed == 0, "\(first.targets.first?.actions ?? [])")
            #expect(first.status == .succeeded)
            let contact = try #require(try await fixture.contact(user.mail!))
            #expect(contact.alias == nickname + "-2")
            #expect(contact.name == user.displayName, "only the alias is numbered")
            #expect(contact.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true)
            let untouched = try #require(try await fixture.contact("someone@elsewhere.example"))
            #expect(untouched == holder)

            await fixture.control.clearRequestLog()
            let second = await fixture.run()
            #expect(second.status == .succeeded)
            #expect(second.targets.first?.counts.add == 0)
            #expect(await fixture.writeCmdlets().isEmpty)
        }
    }
}
