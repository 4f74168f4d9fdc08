import M365Core
import M365Primitives
import Testing

@Suite struct PersonalContactsSafetyTests {
    let everyone = (1...20).map { SyncFixtures.person("u\($0 + 10)") }

    func synced(_ safety: SafetyLimits = SafetyLimits(maxRemove: 500, maxRemovePercent: 10)) -> PersonalHarness {
        var harness = PersonalHarness(safety: safety)
        harness.sync(everyone)
        return harness
    }

    @Test func leaverIsRemovedWithinLimits() {
        let plan = synced().plan(Array(everyone.dropFirst()))
        #expect(plan.removes.map(\.sourceId) == ["u11"])
        #expect(plan.removes[0].reason == .sourceGone)
        #expect(plan.refusal == nil)
        #expect(plan.unchanged == 19)
    }

    @Test func incompleteSourceReadNeverRemovesEvenWhenApproved() {
        var harness = synced()
        let partial = Array(everyone.prefix(5)) + [SyncFixtures.person("u99")]
        for allow in [false, true] {
            let plan = harness.plan(partial, read: .incomplete, allowRemovals: allow)
            #expect(plan.removes.isEmpty)
            #expect(plan.blockedRemoves.count == 15)
            #expect(plan.refusal == .sourceReadIncomplete)
            #expect(plan.adds.map(\.sourceId) == ["u99"], "adds still apply")
        }
        harness.sync(partial, read: .incomplete, allowRemovals: true)
        #expect(harness.mailbox.contacts.count == 21)
    }

    @Test func narrowedFilterBeyondThePercentLimitIsBlocked() {
        let harness = synced()
        let selector = SourceSelector(
            selection: SourceSelection(
                tenant: "t",
                filters: [PropertyFilter(property: "id", operator: .like, value: "u1*")]
            )
        )
        let narrowed = selector.select(everyone).people
        #expect(narrowed.count == 9)
        let plan = harness.plan(narrowed)
        #expect(plan.removes.isEmpty)
        #expect(plan.blockedRemoves.count == 11)
        #expect(
            plan.refusal == .removalLimitExceeded(count: 11, maxRemove: 500, maxRemovePercent: 10, managedCount: 20)
        )
        #expect(plan.reportActions().filter { $0.status == .blocked }.count == 11)
        #expect(plan.reportActions().first { $0.status == .blocked }?.error?.contains("--allow-removals") == true)
    }

    @Test func countLimitAppliesOnItsOwn() {
        let harness = synced(SafetyLimits(maxRemove: 1, maxRemovePercent: 100))
        #expect(harness.plan(Array(everyone.dropFirst(1))).refusal == nil)
        let plan = harness.plan(Array(everyone.dropFirst(2)))
        #expect(plan.refusal == .removalLimitExceeded(count: 2, maxRemove: 1, maxRemovePercent: 100, managedCount: 20))
        #expect(harness.plan(Array(everyone.dropFirst(2)), allowRemovals: true).removes.count == 2)
    }

    @Test func updatesAndAddsApplyWhileRemovalsAreBlocked() {
        var harness = synced(SafetyLimits(maxRemove: 0, maxRemovePercent: 100))
        var people = Array(everyone.dropFirst())
        people[0].jobTitle = "New"
        people.append(SyncFixtures.person("u90"))
        let plan = harness.sync(people)
        #expect(plan.adds.count == 1 && plan.updates.count == 1 && plan.blockedRemoves.count == 1)
        #expect(harness.mailbox.contacts.count == 21)
    }

    @Test func guardRules() {
        let limits = SafetyLimits(maxRemove: 5, maxRemovePercent: 10)
        #expect(
            RemovalGuard.refusal(
                count: 0,
                managedCount: 0,
                limits: limits,
                sourceRead: .incomplete,
                allowRemovals: false
            ) == nil
        )
        #expect(
            RemovalGuard.refusal(
                count: 5,
                managedCount: 50,
                limits: limits,
                sourceRead: .complete,
                allowRemovals: false
            ) == nil
        )
        #expect(
            RemovalGuard.refusal(
                count: 5,
                managedCount: 49,
                limits: limits,
                sourceRead: .complete,
                allowRemovals: false
            ) != nil
        )
        #expect(
            RemovalGuard.refusal(
                count: 6,
                managedCount: 1000,
                limits: limits,
                sourceRead: .complete,
                allowRemovals: false
            ) != nil
        )
        #expect(
            RemovalGuard.refusal(count: 6, managedCount: 6, limits: limits, sourceRead: .complete, allowRemovals: true)
                == nil
        )
        #expect(RemovalRefusal.sourceReadIncomplete.name == "sourceReadIncomplete")
    }

    @Test func skipSwitchesProduceSkippedActions() {
        var harness = synced()
        harness.mailbox.patch(harness.mailbox.listing[0]["id"]!.stringValue!, ["jobTitle": "Stale"])
        let target = PersonalContactsTarget(tenant: "t", skipAdd: true, skipUpdate: true, skipRemove: true)
        var skipping = PersonalHarness(target: target)
        skipping.mailbox = harness.mailbox
        let plan = skipping.plan(Array(everyone.dropFirst(2)) + [SyncFixtures.person("u99")])
        #expect(plan.adds.isEmpty && plan.updates.isEmpty && plan.removes.isEmpty && plan.blockedRemoves.isEmpty)
        let skipped = plan.skipped.map { "\($0.action.rawValue):\($0.error ?? "")" }.sorted()
        #expect(skipped == ["add:skipAdd", "remove:skipRemove", "remove:skipRemove"])
        #expect(plan.unchanged == 18)
    }
}
