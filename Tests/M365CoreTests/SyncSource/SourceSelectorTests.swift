import M365Core
import M365Primitives
import Testing

@Suite struct SourceSelectorTests {
    func select(
        _ selection: SourceSelection,
        users: [[String: JSONValue]],
        contacts: [[String: JSONValue]] = [],
        groups: GroupScope = GroupScope()
    ) -> SourceSelectionResult {
        SourceSelector(selection: selection, groups: groups).select(users: users, orgContacts: contacts)
    }

    let guest = SyncFixtures.user(
        "g1",
        ["userType": "Guest", "assignedLicenses": [], "userPrincipalName": "g_x.com#EXT#@c.com"]
    )
    let member = SyncFixtures.user("m1")
    let orgContact: [String: JSONValue] = ["id": "oc1", "displayName": "Org", "mail": "org@partner.com"]

    @Test func anObjectWithoutAnIdMakesTheReadIncomplete() {
        let selection = SourceSelection(tenant: "t", memberTypes: [.member, .contact])
        #expect(select(selection, users: [member], contacts: [orgContact]).readStatus == .complete)
        let noId: [String: JSONValue] = ["displayName": "Nobody", "mail": "nobody@contoso.com"]
        let damagedUsers = select(selection, users: [member, noId], contacts: [orgContact])
        #expect(damagedUsers.people.map(\.id) == ["m1", "oc1"])
        #expect(damagedUsers.readStatus == .incomplete)
        #expect(select(selection, users: [member], contacts: [noId]).readStatus == .incomplete)
    }

    @Test func membersOnlyByDefaultAndGuestsReallySeparated() {
        let defaults = select(SourceSelection(tenant: "t"), users: [member, guest], contacts: [orgContact])
        #expect(defaults.people.map(\.id) == ["m1"])
        #expect(defaults.skipped[.memberType] == 2)
        let guestsOnly = select(SourceSelection(tenant: "t", memberTypes: [.guest]), users: [member, guest])
        #expect(guestsOnly.people.map(\.id) == ["g1"])
        #expect(guestsOnly.skipped == [.memberType: 1])
        let all = select(
            SourceSelection(tenant: "t", memberTypes: [.member, .guest, .contact]),
            users: [member, guest],
            contacts: [orgContact]
        )
        #expect(all.people.map(\.id) == ["g1", "m1", "oc1"])
    }

    @Test func guestsAndExtUsersAreExemptFromLicenceOnlyWhenGuestsAreIncluded() {
        let extMember = SyncFixtures.user("x1", ["userPrincipalName": "x_f.com#EXT#@c.com", "assignedLicenses": []])
        let unlicensed = SyncFixtures.user("u1", ["assignedLicenses": []])
        let withGuests = select(
            SourceSelection(tenant: "t", memberTypes: [.member, .guest]),
            users: [guest, extMember, unlicensed]
        )
        #expect(withGuests.people.map(\.id) == ["g1", "x1"])
        #expect(withGuests.skipped == [.noLicense: 1])
        let membersOnly = select(SourceSelection(tenant: "t"), users: [extMember, unlicensed])
        #expect(membersOnly.people.isEmpty)
        #expect(membersOnly.skipped == [.noLicense: 2])
        let noRequirement = select(SourceSelection(tenant: "t", requireAssignedLicense: false), users: [unlicensed])
        #expect(noRequirement.people.map(\.id) == ["u1"])
    }

    @Test func accountEnabledAndHiddenRules() {
        let disabled = SyncFixtures.user("d1", ["accountEnabled": false])
        let unknown = SyncFixtures.user("d2", ["accountEnabled": .null])
        let hidden = SyncFixtures.user("h1", ["showInAddressList": false])
        let shown = SyncFixtures.user("h2", ["showInAddressList": .null])
        let result = select(SourceSelection(tenant: "t"), users: [disabled, unknown, hidden, shown])
        #expect(result.people.map(\.id) == ["h2"])
        #expect(result.skipped == [.accountDisabled: 2, .hiddenFromAddressList: 1])
        let relaxed = select(
            SourceSelection(tenant: "t", requireAccountEnabled: false, excludeHiddenFromAddressList: false),
            users: [disabled, hidden]
        )
        #expect(relaxed.people.count == 2)
    }

    @Test func emailAndMobileRequirements() {
        let noMail = SyncFixtures.user("n1", ["mail": .null])
        let otherMail = SyncFixtures.user("n2", ["mail": .null, "otherMails": ["o@x.com"]])
        let mobile = SyncFixtures.user("p1", ["mobilePhone": "+1 555"])
        let selection = SourceSelection(tenant: "t", requireEmailAddress: true, requireMobilePhone: true)
        let result = select(selection, users: [noMail, otherMail, mobile])
        #expect(result.people.map(\.id) == ["p1"])
        #expect(result.skipped == [.noEmailAddress: 1, .noMobilePhone: 1])
    }

    @Test func groupScopingUnionsIncludesAndExclusionWins() {
        let users = ["a", "b", "c", "d"].map { SyncFixtures.user($0) }
        let selection = SourceSelection(tenant: "t", includeGroups: ["g1", "g2"], excludeGroups: ["g3"])
        let scope = GroupScope(selection: selection, members: ["g1": ["a", "b"], "g2": ["c"], "g3": ["b"]])
        let result = select(selection, users: users, groups: scope)
        #expect(result.people.map(\.id) == ["a", "c"])
        #expect(result.skipped == [.inExcludedGroup: 1, .notInIncludedGroup: 1])
        let noInclude = GroupScope(
            selection: SourceSelection(tenant: "t", excludeGroups: ["g3"]),
            members: ["g3": ["b"]]
        )
        #expect(noInclude.included == nil)
        #expect(select(SourceSelection(tenant: "t"), users: users, groups: noInclude).people.count == 3)
    }

    @Test func severalFiltersOnOnePropertyAllApply() {
        let users = [
            SyncFixtures.user("a", ["department": "Sales EMEA"]),
            SyncFixtures.user("b", ["department": "Sales US"]),
            SyncFixtures.user("c", ["department": "Sales Temp"]),
            SyncFixtures.user("d", ["department": "Marketing"]),
            SyncFixtures.user("e", ["department": "Sales Interns"]),
        ]
        let selection = SourceSelection(
            tenant: "t",
            filters: [
                PropertyFilter(property: "department", operator: .like, value: "Sales*"),
                PropertyFilter(property: "department", operator: .notEquals, value: "Sales US"),
                PropertyFilter(property: "department", operator: .like, value: "*Temp", effect: .exclude),
                PropertyFilter(property: "department", operator: .equals, value: "sales interns", effect: .exclude),
            ]
        )
        let result = select(selection, users: users)
        #expect(result.people.map(\.id) == ["a"])
        #expect(result.skipped == [.filteredOut: 2, .excludedByFilter: 2])
    }

    @Test func extensionAttributeFilterFromTheIssue() {
        let filter = PropertyFilter(
            property: "onPremisesExtensionAttributes.extensionAttribute5",
            operator: .equals,
            value: "Sync"
        )
        let users = [
            SyncFixtures.user("a", ["onPremisesExtensionAttributes": ["extensionAttribute5": "Sync"]]),
            SyncFixtures.user("b", ["onPremisesExtensionAttributes": ["extensionAttribute5": .null]]),
        ]
        let result = select(SourceSelection(tenant: "t", filters: [filter]), users: users)
        #expect(result.people.map(\.id) == ["a"])
    }

    @Test func duplicateEmailsAreReportedAndIdsDeduplicated() {
        let users = [
            SyncFixtures.user("a", ["mail": "Same@x.com"]),
            SyncFixtures.user("b", ["mail": "same@X.com"]),
            SyncFixtures.user("a"),
        ]
        let result = select(SourceSelection(tenant: "t"), users: users)
        #expect(result.people.map(\.id) == ["a", "b"])
        #expect(result.duplicateEmails == ["same@x.com": ["a", "b"]])
        #expect(result.skippedCount == 0)
    }
}
