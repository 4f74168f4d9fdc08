import Foundation
import M365Core
import M365Jobs
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: target options, mapping, adoption")
struct PersonalContactsTargetTests {
    @Test func mailboxGroupsAllLicensedUsersAndExclusions() async throws {
        try await PersonalContactsFixture.with(users: 16, mailboxes: 4, target: nil) { fixture in
            let ids = fixture.deployment.tenants["contoso"]!.mailboxUserIds
            let group = try await fixture.control.addGroup(
                tenantId: fixture.tenant,
                displayName: "Phones",
                memberIds: [ids[0], ids[1]]
            )
            try fixture.writeJob(
                "pc",
                target: #""mailboxGroups": ["\#(group.id)"], "excludeMailboxes": ["\#(fixture.mailboxes[1])"]"#
            )
            let grouped = try await fixture.run()
            #expect(grouped.targets.map(\.target) == [fixture.mailboxes[0]], "\(grouped.targets.map(\.target))")

            try fixture.writeJob(
                "pc",
                target: #""allLicensedUsers": true, "excludeMailboxes": ["\#(ids[2])"], "maxConcurrentMailboxes": 1"#
            )
            let licensed = try await fixture.run()
            // Every enabled licensed member is a target; those without a mailbox are skipped, not failed.
            let users = try await fixture.control.users(tenantId: fixture.tenant)
            let expected = users.filter { $0.accountEnabled && !$0.assignedLicenses.isEmpty && $0.userType == "Member" }
                .filter { $0.id != ids[2] }
            #expect(Set(licensed.targets.map(\.target)) == Set(expected.map(\.userPrincipalName)))
            for target in licensed.targets {
                let hasMailbox = fixture.mailboxes.contains(target.target)
                #expect(
                    target.status == (hasMailbox ? .succeeded : .skipped),
                    "\(target.target): \(target.error ?? "")"
                )
            }
            #expect(
                licensed.targets.contains { $0.status == .skipped },
                "the tenant has licensed users without a mailbox"
            )
            #expect(licensed.status == .succeeded)
            #expect(try await fixture.handMadeUntouched())
        }
    }

    /// Arrival times of each mailbox's first contact listing, when every such listing takes `delay` seconds.
    private static func listingStarts(maxConcurrentMailboxes: Int, delay: Double) async throws -> [Double] {
        return try await PersonalContactsFixture.with(users: 10, mailboxes: 3, handMadeContacts: 0) { fixture in
            let list = fixture.mailboxes.map { "\"\($0)\"" }.joined(separator: ", ")
            try fixture.writeJob(
                "pc",
                target: #""mailboxes": [\#(list)], "maxConcurrentMailboxes": \#(maxConcurrentMailboxes)"#
            )
            await fixture.control.setFault(
                FaultRule(endpoint: "graph.mailbox.contacts", method: "GET", action: .delay(seconds: delay), limit: 3)
            )
            let report = try await fixture.run()
            #expect(report.status == .succeeded)
            let listings = await fixture.control.requestLog().filter {
                $0.endpoint == "graph.mailbox.contacts" && $0.method == "GET" && $0.fault != nil
            }
            #expect(Set(listings.compactMap(\.mailbox)).count == 3, "one delayed listing per mailbox")
            return listings.map(\.time).sorted()
        }
    }

    @Test func maxConcurrentMailboxesBoundsHowManyMailboxesSyncAtOnce() async throws {
        // One at a time: each mailbox's listing starts after the previous one's (delayed) listing ended.
        let sequential = try await Self.listingStarts(maxConcurrentMailboxes: 1, delay: 0.5)
        #expect(zip(sequential, sequential.dropFirst()).allSatisfy { $1 - $0 >= 0.5 }, "\(sequential)")
        // Three at a time: all three listings are under way before the first one ends.
        let parallel = try await Self.listingStarts(maxConcurrentMailboxes: 3, delay: 2)
        #expect(try #require(parallel.last) - #require(parallel.first) < 2, "\(parallel)")
    }

    @Test func missingMailboxIsReportedAndOthersGoOn() async throws {
        try await PersonalContactsFixture.with(mailboxes: 2, target: nil) { fixture in
            try await fixture.control.setMailbox(tenantId: fixture.tenant, fixture.mailboxes[1], enabled: false)
            try fixture.writeJob(
                "pc",
                target:
                    #""mailboxes": ["nobody@example.invalid", "\#(fixture.mailboxes[0])", "\#(fixture.mailboxes[1])"]"#
            )
            let report = try await fixture.run()
            #expect(report.status == .partial, "\(report.status)")
            let good = try #require(report.targets.first { $0.target == fixture.mailboxes[0] })
            #expect(good.status == .succeeded && good.counts.add > 0)
            let bad = report.targets.filter { $0.status != .succeeded }
            #expect(bad.count == 2 && bad.allSatisfy { $0.error != nil })
        }
    }

    @Test func everyFieldIsMappedAndFieldsCategoriesApply() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            let users = try await fixture.control.users(tenantId: fixture.tenant)
            let boss = users[1]
            let person = try await fixture.control.updateUser(tenantId: fixture.tenant, users[2].id) {
                $0.givenName = "Ana"
                $0.surname = "Lima"
                $0.mailNickname = "ana"
                $0.businessPhones = ["+1 555 0100"]
                $0.mobilePhone = "+1 555 0101"
                $0.companyName = "Contoso"
                $0.department = "Sales"
                $0.jobTitle = "Rep"
                $0.officeLocation = "B2"
                $0.streetAddress = "1 Main St"
                $0.city = "Springfield"
                $0.state = "IL"
                $0.postalCode = "62701"
                $0.country = "US"
                $0.managerId = boss.id
                $0.accountEnabled = true
                $0.showInAddressList = true
                $0.userType = "Member"
            }
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "categories": ["Directory"]"#)
            let report = try await fixture.run()
            #expect(report.status == .succeeded)
            let contact = try #require(
                try await fixture.managed(mailbox).first { $0["displayName"]?.stringValue == person.displayName }
            )
            #expect(contact["givenName"] == .string("Ana") && contact["surname"] == .string("Lima"))
            #expect(contact["nickName"] == .string("ana"))
            #expect(
                contact["emailAddresses"]?.arrayValue?.first?["address"]?.stringValue?.lowercased()
                    == person.mail?.lowercased()
            )
            #expect(contact["businessPhones"] == .array([.string("+1 555 0100")]))
            #expect(contact["mobilePhone"] == .string("+1 555 0101"))
            #expect(contact["companyName"] == .string("Contoso") && contact["department"] == .string("Sales"))
            #expect(contact["jobTitle"] == .string("Rep") && contact["officeLocation"] == .string("B2"))
            #expect(contact["manager"] == .string(boss.displayName))
            let address = contact["businessAddress"]
            #expect(address?["street"] == .string("1 Main St") && address?["city"] == .string("Springfield"))
            #expect(address?["state"] == .string("IL") && address?["postalCode"] == .string("62701"))
            #expect(address?["countryOrRegion"] == .string("US"))
            #expect(contact["categories"] == .array([.string("Directory")]))

            try fixture.writeJob(
                "pc",
                target: #""mailboxes": ["\#(mailbox)"], "categories": [], "fields": {"exclude": ["jobTitle"]}"#
            )
            try await fixture.control.updateUser(tenantId: fixture.tenant, person.id) { $0.jobTitle = "Boss" }
            _ = try await fixture.run()
            let after = try #require(
                try await fixture.managed(mailbox).first { $0["displayName"]?.stringValue == person.displayName }
            )
            #expect(after["jobTitle"] == .string("Rep"))
            #expect(after["categories"] == .array([]) || after["categories"] == nil)
            #expect(try await fixture.run().totals.update == 0)
        }
    }

    @Test func orgContactsMapTypedPhonesAndTheFirstAddress() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, orgContacts: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            let source = try #require(try await fixture.control.orgContacts(tenantId: fixture.tenant).first)
            let org = try await fixture.control.updateOrgContact(tenantId: fixture.tenant, source.id) {
                $0.companyName = "Fabrikam"
                $0.jobTitle = "Supplier"
                $0.phones = [
                    .init(number: "+1 555 0200", type: "business"),
                    .init(number: "+1 555 0201", type: "mobile"),
                    .init(number: "+1 555 0202", type: "home"),
                    .init(number: "+1 555 0203", type: "businessFax"),
                ]
                $0.addresses = [
                    .init(street: "2 Harbour Rd", city: "Portsmouth", postalCode: "PO1", countryOrRegion: "GB"),
                    .init(street: "ignored", city: "ignored"),
                ]
            }
            try fixture.writeJob("pc", source: #""memberTypes": ["contact"]"#, target: #""mailboxes": ["\#(mailbox)"]"#)
            let report = try await fixture.run()
            #expect(report.status == .succeeded)
            #expect(report.totals.add == 1)
            let contact = try #require(
                try await fixture.managed(mailbox).first { $0["displayName"]?.stringValue == org.displayName }
            )
            #expect(contact["businessPhones"] == .array([.string("+1 555 0200")]))
            #expect(contact["mobilePhone"] == .string("+1 555 0201"))
            #expect(contact["homePhones"] == .array([.string("+1 555 0202")]))
            #expect(contact["companyName"] == .string("Fabrikam") && contact["jobTitle"] == .string("Supplier"))
            let address = contact["businessAddress"]
            #expect(address?["street"] == .string("2 Harbour Rd") && address?["city"] == .string("Portsmouth"))
            #expect(address?["postalCode"] == .string("PO1") && address?["countryOrRegion"] == .string("GB"))

            // A phone the org contact loses is cleared in the mailbox; nothing else changes.
            try await fixture.control.updateOrgContact(tenantId: fixture.tenant, org.id) {
                $0.phones.removeAll { $0.type == "home" }
            }
            let second = try await fixture.run()
            #expect(second.totals.update == 1)
            let update = try #require(second.firstTarget.actions.first)
            #expect(update.changes.keys.sorted() == ["homePhones"])
            let after = try #require(try await fixture.managed(mailbox).first { $0["id"] == contact["id"] })
            #expect(after["homePhones"] == .array([]) || after["homePhones"] == nil)
            #expect(try await fixture.run().totals.update == 0)
        }
    }

    @Test func anOrgContactsManagerIsRead() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, orgContacts: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            let boss = try await fixture.control.users(tenantId: fixture.tenant)[1]
            let source = try #require(try await fixture.control.orgContacts(tenantId: fixture.tenant).first)
            let org = try await fixture.control.updateOrgContact(tenantId: fixture.tenant, source.id) {
                $0.managerId = boss.id
            }
            try fixture.writeJob(
                "pc",
                source: #""memberTypes": ["contact"]"#,
                target: #""mailboxes": ["\#(mailbox)"]"#
            )
            let report = try await fixture.run()
            #expect(report.status == .succeeded)
            let contact = try #require(
                try await fixture.managed(mailbox).first { $0["displayName"]?.stringValue == org.displayName }
            )
            #expect(contact["manager"] == .string(boss.displayName))
        }
    }

    @Test func o365SynchronizerContactsAreAdoptedNotDuplicated() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            let plan = try await fixture.run(dryRun: true)
            let people = plan.totals.add
            let adoptee = try #require(plan.firstTarget.actions.first)
            let old = try await fixture.control.addPersonalContact(
                mailbox: mailbox,
                contact: .object(
                    [
                        "displayName": .string(adoptee.displayName),
                        "fileAs": .string("O365Synchronizer\(adoptee.sourceId)"),
                    ]
                )
            )
            try fixture.writeJob(
                "pc",
                target: #""mailboxes": ["\#(mailbox)"], "adoptO365Synchronizer": {"guidPrefix": "O365Synchronizer"}"#
            )
            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.totals.add == people - 1)
            let all = try await fixture.deployment.contactsById(mailbox)
            let adopted = try #require(all[old["id"]!.stringValue!])
            #expect(adopted["fileAs"]?.stringValue?.hasPrefix("O365Synchronizer") != true)
            #expect(try await fixture.run().totals.add == 0)
        }
    }
}
