import M365Core
import M365Primitives
import Testing

@Suite struct MailContactsNamingTests {
    func person(_ id: String, _ name: String) -> SourcePerson {
        SyncFixtures.person(id, ["displayName": .string(name)])
    }

    @Test func collisionsGetNumberedNames() {
        var harness = MailHarness()
        harness.exchange.seed(name: "John Smith", email: "js@partner.com")
        let plan = harness.sync([person("u1", "John Smith"), person("u2", "John Smith"), person("u3", "john smith")])
        #expect(plan.adds.map(\.name) == ["John Smith-2", "John Smith-3", "john smith-4"])
        #expect(harness.exchange.errors.isEmpty)
        #expect(
            harness.plan([person("u1", "John Smith"), person("u2", "John Smith"), person("u3", "john smith")]).isEmpty
        )
    }

    @Test func aNameFreedByARemovalIsReused() {
        var harness = MailHarness()
        harness.sync([person("u1", "John Smith")])
        let plan = harness.sync([person("u2", "John Smith")])
        #expect(plan.removes.map(\.sourceId) == ["u1"])
        #expect(plan.adds.map(\.name) == ["John Smith"])
        #expect(harness.exchange.errors.isEmpty)
    }

    @Test func aBlockedRemovalDoesNotFreeItsName() {
        var harness = MailHarness(safety: SafetyLimits(maxRemove: 0, maxRemovePercent: 100))
        harness.sync([person("u1", "John Smith")])
        let plan = harness.sync([person("u2", "John Smith")])
        #expect(plan.blockedRemoves.count == 1)
        #expect(plan.adds.map(\.name) == ["John Smith-2"])
        #expect(harness.exchange.errors.isEmpty)
    }

    @Test func aliasesAreUniqueToo() {
        var harness = MailHarness()
        let a = SyncFixtures.person("u1", ["mailNickname": "js", "mail": "js@contoso.com"])
        let b = SyncFixtures.person("u2", ["mailNickname": "js", "mail": "js2@contoso.com"])
        let plan = harness.sync([a, b])
        #expect(plan.adds.map { $0.newMailContact["Alias"] } == ["js", "js-2"])
    }

    @Test func ensureUniqueDisplayNameNumbersClashes() {
        let target = MailContactsTarget(tenant: "fabrikam", domains: ["contoso.com"], ensureUniqueDisplayName: true)
        var harness = MailHarness(target: target)
        harness.exchange.seed(name: "Someone", email: "s@partner.com", ["DisplayName": "Ann Lee"])
        let people = [person("u1", "Ann Lee"), person("u2", "Ann Lee")]
        let plan = harness.sync(people)
        #expect(plan.adds.map { $0.newMailContact["DisplayName"] } == ["Ann Lee (2)", "Ann Lee (3)"])
        #expect(harness.plan(people).isEmpty)
        let plain = MailHarness().plan(people)
        #expect(plain.adds.map { $0.newMailContact["DisplayName"] } == ["Ann Lee", "Ann Lee"])
    }

    @Test func existingNumberedNamesAreKept() {
        var harness = MailHarness()
        harness.sync([person("u1", "John Smith"), person("u2", "John Smith")])
        #expect(harness.plan([person("u2", "John Smith")]).updates.isEmpty, "u2 keeps John Smith-2")
    }

    @Test func renamesNeverCollideWhateverTheirOrder() {
        var harness = MailHarness()
        harness.sync([person("u1", "Bob"), person("u2", "Ann")])
        let swapped = [person("u1", "Ann"), person("u2", "Bob")]
        let plan = harness.sync(swapped)
        #expect(harness.exchange.errors.isEmpty)
        #expect(Set(plan.updates.compactMap { $0.setMailContact["Name"]?.stringValue }) == ["Ann-2", "Bob-2"])
        #expect(harness.plan(swapped).isEmpty)
    }

    @Test func numberedNamesStayWithin64Characters() {
        var harness = MailHarness()
        let long = String(repeating: "n", count: 80)
        let people = [person("u1", long), person("u2", long)]
        let plan = harness.sync(people)
        #expect(plan.adds.map(\.name) == [String(repeating: "n", count: 64), String(repeating: "n", count: 62) + "-2"])
        #expect(harness.plan(people).isEmpty)
    }
}
