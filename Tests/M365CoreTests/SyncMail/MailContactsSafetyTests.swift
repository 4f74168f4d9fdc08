import M365Core
import M365Primitives
import Testing

@Suite struct MailContactsSafetyTests {
    let everyone = (10..<30).map { SyncFixtures.person("u\($0)") }

    func synced(
        _ safety: SafetyLimits = SafetyLimits(maxRemove: 100, maxRemovePercent: 10),
        target: MailContactsTarget? = nil
    ) -> MailHarness {
        var harness = MailHarness(
            target: target ?? MailContactsTarget(tenant: "fabrikam", domains: ["contoso.com"]),
            safety: safety
        )
        harness.sync(everyone)
        return harness
    }

    @Test func incompleteReadNeverRemoves() {
        let harness = synced()
        for allow in [false, true] {
            let plan = harness.plan(Array(everyone.prefix(3)), read: .incomplete, allowRemovals: allow)
            #expect(plan.removes.isEmpty)
            #expect(plan.refusal == .sourceReadIncomplete)
            #expect(plan.blockedRemoves.count == 17)
        }
    }

    @Test func limitsBlockRemovalsButNotUpdates() {
        var harness = synced()
        var people = Array(everyone.prefix(10))
        people[0].jobTitle = "New"
        let plan = harness.sync(people)
        #expect(
            plan.refusal == .removalLimitExceeded(count: 10, maxRemove: 100, maxRemovePercent: 10, managedCount: 20)
        )
        #expect(plan.updates.count == 1)
        #expect(harness.exchange.mailContacts.count == 20)
        let approved = harness.sync(people, allowRemovals: true)
        #expect(approved.removes.count == 10)
        #expect(harness.exchange.mailContacts.count == 10)
    }

    @Test func skipSwitches() {
        let target = MailContactsTarget(
            tenant: "fabrikam",
            domains: ["contoso.com"],
            skipAdd: true,
            skipUpdate: true,
            skipRemove: true
        )
        var harness = synced(SafetyLimits(maxRemove: 100, maxRemovePercent: 100))
        let skipping = MailContactsPlanner(job: "a2b", target: target, safety: SafetyLimits())
        var people = Array(everyone.dropFirst())
        people[0].department = "X"
        people.append(SyncFixtures.person("u99"))
        let plan = skipping.plan(
            people: people,
            mailContacts: harness.exchange.mailContactListing,
            contacts: harness.exchange.contactListing,
            sourceRead: .complete
        )
        #expect(plan.isEmpty)
        #expect(plan.skipped.compactMap(\.error).sorted() == ["skipAdd", "skipRemove", "skipUpdate"])
        harness.exchange.apply(plan)
        #expect(harness.exchange.mailContacts.count == 20)
    }

    @Test func duplicateMarkedContactsAreRemovedDownToOne() {
        var harness = synced(SafetyLimits(maxRemove: 100, maxRemovePercent: 100))
        harness.exchange.seed(name: "Copy", email: "copy@contoso.com", ["CustomAttribute15": "m365sync:a2b:u10"])
        let plan = harness.sync(everyone)
        #expect(plan.removes.map(\.name) == ["Copy"])
        #expect(plan.removes[0].reason == .duplicate)
        #expect(harness.plan(everyone).isEmpty)
    }
}

@Suite struct MailContactsManagerTests {
    let boss = SyncFixtures.person("b1", ["displayName": "Bo Boss"])
    var worker: SourcePerson {
        SyncFixtures.person("w1", ["displayName": "Wei Worker", "manager": ["id": "b1", "displayName": "Bo Boss"]])
    }

    @Test func managersCreatedInTheSameRunAreLinkedAfterTheAdds() {
        var harness = MailHarness()
        let plan = harness.sync([boss, worker])
        #expect(
            plan.managerLinks == [
                MailContactManagerLink(
                    sourceId: "w1",
                    identity: "Wei Worker",
                    manager: "Bo Boss",
                    managerSourceId: "b1"
                )
            ]
        )
        #expect(plan.adds.allSatisfy { $0.setContact["Manager"] == nil })
        #expect(harness.exchange.errors.isEmpty)
        #expect(harness.contact("w1@contoso.com")?["Manager"] == "Bo Boss")
        #expect(harness.plan([boss, worker]).isEmpty)
    }

    @Test func existingManagersAreSetDirectlyAndLeaversCleared() {
        var harness = MailHarness()
        harness.sync([boss])
        let plan = harness.sync([boss, worker])
        let bossGuid = harness.contact("b1@contoso.com")!["Guid"]
        #expect(plan.adds[0].setContact["Manager"] == bossGuid, "an existing manager is referenced by Guid")
        #expect(harness.contact("w1@contoso.com")?["Manager"] == "Bo Boss")
        #expect(harness.plan([boss, worker]).isEmpty)
        #expect(plan.managerLinks.isEmpty)
        var noManagerRaw = worker.raw
        noManagerRaw["manager"] = nil
        let cleared = harness.plan([boss, SourcePerson(user: noManagerRaw)!])
        #expect(cleared.updates.first?.setContact == ["Manager": .null])
    }

    @Test func unresolvableManagersAreLeftAlone() {
        var harness = MailHarness()
        harness.sync([worker])
        #expect(harness.contact("w1@contoso.com")?["Manager"] == "")
        #expect(harness.plan([worker]).isEmpty)
    }

    @Test func aRenamedManagerStaysLinked() {
        var harness = MailHarness()
        harness.sync([boss, worker])
        var raw = boss.raw
        raw["displayName"] = "Bo Chief"
        let renamed = SourcePerson(user: raw)!
        let plan = harness.sync([renamed, worker])
        #expect(plan.updates.map(\.sourceId) == ["b1"])
        #expect(harness.exchange.errors.isEmpty)
        #expect(harness.contact("w1@contoso.com")?["Manager"] == "Bo Chief")
        #expect(harness.plan([renamed, worker]).isEmpty)
    }
}
