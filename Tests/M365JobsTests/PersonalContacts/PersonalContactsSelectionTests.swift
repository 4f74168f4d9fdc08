import Foundation
import M365Core
import M365Jobs
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: source selection")
struct PersonalContactsSelectionTests {
    /// Runs the job with `source` options into the first mailbox; returns the source ids it added.
    static func added(_ fixture: PersonalContactsFixture, source: String) async throws -> Set<String> {
        try fixture.writeJob("pc", source: source, target: #""mailboxes": ["\#(fixture.mailboxes[0])"]"#)
        let report = try await fixture.run()
        #expect(report.status == .succeeded, "\(report)")
        #expect(try await fixture.handMadeUntouched())
        return Set(report.targets.first?.actions.filter { $0.action == .add }.map(\.sourceId) ?? [])
    }

    static func with(
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (PersonalContactsFixture) async throws -> Void
    ) async throws {
        try await PersonalContactsFixture.with(
            users: 30,
            mailboxes: 1,
            orgContacts: 3,
            target: nil,
            sourceLocation: sourceLocation,
            body
        )
    }

    @Test func memberTypesSeparateMembersGuestsAndContacts() async throws {
        try await Self.with { fixture in
            let users = try await fixture.control.users(tenantId: fixture.tenant)
            let guest = try await fixture.control.updateUser(tenantId: fixture.tenant, users[6].id) {
                $0.userType = "Guest"
                $0.assignedLicenses = []
                $0.accountEnabled = true
                $0.showInAddressList = true
            }
            let guests = try await Self.added(
                fixture,
                source: #""memberTypes": ["guest"], "requireAssignedLicense": true"#
            )
            let all = try await fixture.control.users(tenantId: fixture.tenant)
            #expect(guests.contains(guest.id))
            #expect(guests.allSatisfy { id in all.first { $0.id == id }?.userType == "Guest" })

            let contacts = try await Self.added(fixture, source: #""memberTypes": ["contact"]"#)
            let orgContacts = Set(try await fixture.control.orgContacts(tenantId: fixture.tenant).map(\.id))
            #expect(!orgContacts.isEmpty)
            #expect(contacts.isSubset(of: orgContacts) && !contacts.isEmpty)
        }
    }

    @Test func requireFiltersNarrowTheSource() async throws {
        try await Self.with { fixture in
            let users = try await fixture.control.users(tenantId: fixture.tenant)
            let everyone = try await Self.added(fixture, source: "")
            _ = try await fixture.clear()
            let withMobile = try await Self.added(fixture, source: #""requireMobilePhone": true"#)
            #expect(withMobile.isSubset(of: everyone))
            #expect(withMobile.allSatisfy { id in users.first { $0.id == id }?.mobilePhone?.isEmpty == false })
            _ = try await fixture.clear()
            let disabled = try #require(users.first { everyone.contains($0.id) })
            try await fixture.control.updateUser(tenantId: fixture.tenant, disabled.id) { $0.accountEnabled = false }
            #expect(!(try await Self.added(fixture, source: "")).contains(disabled.id))
            _ = try await fixture.clear()
            #expect(try await Self.added(fixture, source: #""requireAccountEnabled": false"#).contains(disabled.id))
        }
    }

    @Test func groupsPropertyFiltersAndUserFilter() async throws {
        try await Self.with { fixture in
            let everyone = try await Self.added(fixture, source: "")
            _ = try await fixture.clear()
            let chosen = Array(everyone.sorted().prefix(3))
            let group = try await fixture.control.addGroup(
                tenantId: fixture.tenant,
                displayName: "Sales",
                memberIds: chosen
            )
            #expect(try await Self.added(fixture, source: #""includeGroups": ["\#(group.id)"]"#) == Set(chosen))
            _ = try await fixture.clear()
            let excluded = try await Self.added(fixture, source: #""excludeGroups": ["\#(group.id)"]"#)
            #expect(excluded == everyone.subtracting(chosen))
            _ = try await fixture.clear()

            for id in chosen.prefix(2) {
                try await fixture.control.updateUser(tenantId: fixture.tenant, id) {
                    $0.extensionAttributes["extensionAttribute5"] = "Sync"
                    $0.department = "Bench Testing"
                }
            }
            let include =
                #"{"property": "onPremisesExtensionAttributes.extensionAttribute5", "operator": "equals", "value": "Sync", "type": "include"}"#
            #expect(try await Self.added(fixture, source: #""filters": [\#(include)]"#) == Set(chosen.prefix(2)))
            _ = try await fixture.clear()
            let exclude = #"{"property": "department", "operator": "like", "value": "Bench*", "type": "exclude"}"#
            #expect(
                try await Self.added(fixture, source: #""filters": [\#(exclude)]"#)
                    == everyone.subtracting(chosen.prefix(2))
            )
            _ = try await fixture.clear()
            let filtered = try await Self.added(fixture, source: #""userFilter": "department eq 'Bench Testing'""#)
            #expect(filtered == Set(chosen.prefix(2)))
        }
    }

    @Test func licenceAddressAndVisibilityRulesWithTheirExemptions() async throws {
        try await Self.with { fixture in
            let everyone = try await Self.added(fixture, source: "")
            _ = try await fixture.clear()
            let ids = everyone.sorted()
            let control = fixture.control
            let tenant = fixture.tenant
            let unlicensed = try await control.updateUser(tenantId: tenant, ids[0]) { $0.assignedLicenses = [] }
            let external = try await control.updateUser(tenantId: tenant, ids[1]) {
                $0.userType = "Guest"
                $0.userPrincipalName = "pat_fabrikam.com#EXT#@contoso.onmicrosoft.com"
                $0.assignedLicenses = []
            }
            let hidden = try await control.updateUser(tenantId: tenant, ids[2]) { $0.showInAddressList = false }
            let otherMail = try await control.updateUser(tenantId: tenant, ids[3]) {
                $0.mail = nil
                $0.otherMails = ["kim@partner.example"]
            }
            let noMail = try await control.updateUser(tenantId: tenant, ids[4]) {
                $0.mail = nil
                $0.otherMails = []
            }

            // The default memberTypes ["member"]: no guest; the licence, address and visibility rules apply.
            let rules = #""requireAssignedLicense": true, "requireEmailAddress": true"#
            let members = try await Self.added(fixture, source: rules)
            #expect(!members.contains(unlicensed.id) && !members.contains(external.id))
            #expect(!members.contains(hidden.id) && !members.contains(noMail.id))
            #expect(members.contains(otherMail.id), "a user without mail uses its first otherMails address")
            let kim = try await fixture.managed(fixture.mailboxes[0]).first {
                $0["emailAddresses"]?.arrayValue?.first?["address"]?.stringValue == "kim@partner.example"
            }
            #expect(kim != nil)
            let report = try #require(try await fixture.run().targets.first)
            #expect(report.counts.skipped >= 5, "people left out at the source are counted: \(report.counts)")
            _ = try await fixture.clear()

            // Guests included: the #EXT# guest is exempt from the licence rule; members are not.
            let withGuests = try await Self.added(fixture, source: #""memberTypes": ["member", "guest"], \#(rules)"#)
            #expect(withGuests.contains(external.id) && !withGuests.contains(unlicensed.id))
            _ = try await fixture.clear()

            // excludeHiddenFromAddressList: false brings the hidden user back.
            let visible = try await Self.added(fixture, source: #""excludeHiddenFromAddressList": false"#)
            #expect(visible.contains(hidden.id))
        }
    }

    @Test func comparisonFiltersAndSeveralFiltersOnOneProperty() async throws {
        try await Self.with { fixture in
            let everyone = try await Self.added(fixture, source: "")
            _ = try await fixture.clear()
            let ids = everyone.sorted()
            for (id, code) in zip(ids, ["100", "200", "300"]) {
                try await fixture.control.updateUser(tenantId: fixture.tenant, id) { $0.postalCode = code }
            }
            func filter(_ op: String, _ value: String, _ type: String = "include") -> String {
                #"{"property": "postalCode", "operator": "\#(op)", "value": "\#(value)", "type": "\#(type)"}"#
            }
            let between = try await Self.added(
                fixture,
                source: #""filters": [\#(filter("greaterThan", "150")), \#(filter("lessThan", "250"))]"#
            )
            #expect(between == [ids[1]], "both include filters on postalCode hold only for 200")
            _ = try await fixture.clear()
            let notTwo = try await Self.added(
                fixture,
                source: #""filters": [\#(filter("notEquals", "200")), \#(filter("equals", "300", "exclude"))]"#
            )
            #expect(notTwo == everyone.subtracting([ids[1], ids[2]]))
        }
    }
}
