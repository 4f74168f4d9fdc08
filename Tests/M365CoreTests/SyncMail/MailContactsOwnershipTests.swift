import M365Core
import M365Primitives
import Testing

@Suite struct MailContactsOwnershipTests {
    let people = ["u1", "u2"].map { SyncFixtures.person($0) }

    @Test func markerModeNeverTouchesContactsItDidNotCreate() {
        var harness = MailHarness()
        harness.exchange.seed(name: "Hand Made", email: "hand@contoso.com")
        harness.exchange.seed(name: "Same Address", email: "u2@contoso.com")
        harness.exchange.seed(name: "Other Job", email: "x@contoso.com", ["CustomAttribute15": "m365sync:b2a:x"])
        let before = harness.exchange.mailContacts
        let plan = harness.sync(people, allowRemovals: true)
        #expect(plan.adds.map(\.sourceId) == ["u1"])
        #expect(plan.skipped.map(\.error) == ["addressInUse"])
        #expect(plan.skippedPeople == [.addressInUse: 1])
        #expect(plan.removes.isEmpty && plan.updates.isEmpty)
        #expect(plan.managedCount == 0)
        for (guid, contact) in before { #expect(harness.exchange.mailContacts[guid] == contact) }
        let gone = harness.plan([], allowRemovals: true)
        #expect(gone.removes.map(\.email) == ["u1@contoso.com"])
    }

    @Test func domainModeAdoptsMatchesAndRemovesTheRestOfTheDomain() {
        let target = MailContactsTarget(tenant: "fabrikam", domains: ["contoso.com"], ownership: .domain)
        var harness = MailHarness(target: target)
        harness.exchange.seed(name: "Old U2", email: "U2@contoso.com", ["Title": "Old"])
        harness.exchange.seed(name: "Leaver", email: "leaver@contoso.com")
        harness.exchange.seed(name: "Partner", email: "p@partner.com")
        harness.exchange.seed(name: "Other Job", email: "x@contoso.com", ["CustomAttribute15": "m365sync:b2a:x"])
        let plan = harness.sync(people)
        #expect(plan.managedCount == 2)
        #expect(plan.adds.map(\.sourceId) == ["u1"])
        #expect(plan.updates.count == 1)
        let adoption = plan.updates[0]
        #expect(adoption.adopted && adoption.sourceId == "u2")
        #expect(adoption.setMailContact["CustomAttribute15"] == "m365sync:a2b:u2")
        #expect(adoption.setMailContact["Name"] == "User u2")
        #expect(adoption.setContact["Title"] == .null)
        #expect(plan.removes.map(\.email) == ["leaver@contoso.com"])
        #expect(plan.removes[0].sourceId == "")
        #expect(harness.exchange.errors.isEmpty)
        #expect(harness.contact("p@partner.com") != nil)
        #expect(harness.contact("x@contoso.com") != nil)
        #expect(harness.plan(people).isEmpty)
    }

    @Test func domainsDefaultToThoseOfTheSelectedPeople() {
        var harness = MailHarness(target: MailContactsTarget(tenant: "fabrikam"))
        let partner = SyncFixtures.person("p1", ["mail": "p1@Partner.com"])
        let plan = harness.sync(people + [partner])
        #expect(plan.domains == ["contoso.com", "partner.com"])
        #expect(plan.adds.count == 3)
    }

    @Test func peopleWithoutAddressOrOutsideDomainsAreSkippedAndCounted() {
        let harness = MailHarness()
        let noMail = SyncFixtures.person("n1", ["mail": .null])
        let outside = SyncFixtures.person("o1", ["mail": "o1@elsewhere.com"])
        let plan = harness.plan(people + [noMail, outside])
        #expect(plan.adds.count == 2)
        #expect(plan.skippedPeople == [.noEmailAddress: 1, .outsideDomains: 1])
    }

    @Test func duplicateAddressesAreReportedAndCreatedOnce() {
        var harness = MailHarness()
        let twin = SyncFixtures.person("u0", ["mail": "U1@contoso.com"])
        let plan = harness.sync(people + [twin])
        #expect(plan.adds.map(\.sourceId) == ["u0", "u2"])
        #expect(plan.duplicateEmails == ["u1@contoso.com": ["u0", "u1"]])
        #expect(plan.skipped.map(\.sourceId) == ["u1"])
        #expect(harness.exchange.errors.isEmpty)
        #expect(harness.plan(people + [twin]).adds.isEmpty, "the synced twin keeps its place")
    }

    @Test func twoJobsInOneTenantIgnoreEachOther() {
        var forward = MailHarness(job: "a2b")
        forward.sync(people)
        var backward = MailHarness(job: "b2a")
        backward.exchange = forward.exchange
        let plan = backward.sync([], allowRemovals: true)
        #expect(plan.managedCount == 0 && plan.removes.isEmpty)
        #expect(forward.plan(people).isEmpty)
    }
}
