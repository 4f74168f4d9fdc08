import M365Core
import M365Primitives
import Testing

@Suite struct PersonalContactsDuplicateTests {
    let person = SyncFixtures.person("u1", ["jobTitle": "Rep"])

    @Test func duplicatesAreRemovedDownToTheClosestOne() {
        let harness = PersonalHarness(existing: [
            PersonalHarness.marked("c1", job: "dir", sourceId: "u1", ["displayName": "User u1"]),
            PersonalHarness.marked(
                "c2",
                job: "dir",
                sourceId: "u1",
                [
                    "displayName": "User u1", "jobTitle": "Rep",
                    "emailAddresses": [["name": "User u1", "address": "u1@contoso.com"]],
                ]
            ),
        ])
        let plan = harness.plan([person])
        #expect(plan.removes.map(\.contactId) == ["c1"])
        #expect(plan.removes[0].reason == .duplicate)
        #expect(plan.updates.isEmpty)
        #expect(plan.unchanged == 1)
    }

    @Test func tiesKeepTheOldestThenTheSmallestId() {
        let fields: [String: JSONValue] = ["displayName": "User u1"]
        var newer = PersonalHarness.marked("a", job: "dir", sourceId: "u1", fields)
        newer["createdDateTime"] = "2026-02-01T00:00:00Z"
        var older = PersonalHarness.marked("b", job: "dir", sourceId: "u1", fields)
        older["createdDateTime"] = "2026-01-01T00:00:00Z"
        let byDate = PersonalHarness(existing: [newer, older]).plan([person])
        #expect(byDate.removes.map(\.contactId) == ["a"])
        #expect(byDate.updates.map(\.contactId) == ["b"])
        let byId = PersonalHarness(existing: [
            PersonalHarness.marked("z", job: "dir", sourceId: "u1", fields),
            PersonalHarness.marked("y", job: "dir", sourceId: "u1", fields),
        ]).plan([person])
        #expect(byId.removes.map(\.contactId) == ["z"])
    }

    @Test func blockedDuplicatesLeaveEveryPersonWithAContact() {
        var harness = PersonalHarness(safety: SafetyLimits(maxRemove: 0, maxRemovePercent: 0))
        harness.mailbox = FakeMailbox(contacts: [
            PersonalHarness.marked("c1", job: "dir", sourceId: "u1"),
            PersonalHarness.marked("c2", job: "dir", sourceId: "u1"),
        ])
        let plan = harness.sync([person])
        #expect(plan.blockedRemoves.map(\.reason) == [.duplicate])
        #expect(harness.mailbox.managed(by: "dir")["u1"]?.count == 2)
        let approved = harness.sync([person], allowRemovals: true)
        #expect(approved.removes.count == 1)
        #expect(harness.mailbox.managed(by: "dir")["u1"]?.count == 1)
    }

    @Test func goneSourceRemovesEveryCopy() {
        let harness = PersonalHarness(existing: [
            PersonalHarness.marked("c1", job: "dir", sourceId: "gone"),
            PersonalHarness.marked("c2", job: "dir", sourceId: "gone"),
        ])
        let plan = harness.plan([])
        #expect(plan.removes.map(\.reason) == [.sourceGone, .sourceGone])
    }
}

@Suite struct PersonalContactsAdoptionTests {
    let guid = "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e"
    var anchorContact: [String: JSONValue] {
        [
            "id": "old1", "fileAs": .string("O365Synchronizer\(guid)"), "displayName": "Old Name",
            "personalNotes": "keep",
        ]
    }
    let adopting = PersonalContactsTarget(tenant: "t", adoptO365Synchronizer: O365SynchronizerAdoption())

    @Test func anchorContactsAreAdoptedInsteadOfDuplicated() {
        var harness = PersonalHarness(target: adopting, existing: [anchorContact])
        let plan = harness.sync([SyncFixtures.person(guid)])
        #expect(plan.adds.isEmpty)
        #expect(plan.updates.count == 1)
        let update = plan.updates[0]
        #expect(update.adopted && update.contactId == "old1")
        #expect(update.body["fileAs"] == "")
        #expect(PersonalContactMarker.rawValue(in: update.body) == "m365sync:dir:\(guid)")
        #expect(update.changes["displayName"] == ValueChange(old: "Old Name", new: "User \(guid)"))
        #expect(harness.mailbox.contacts["old1"]?["personalNotes"] == "keep")
        #expect(harness.plan([SyncFixtures.person(guid)]).isEmpty)
    }

    @Test func withoutAdoptionTheAnchorContactIsLeftAlone() {
        var harness = PersonalHarness(existing: [anchorContact])
        let plan = harness.sync([SyncFixtures.person(guid)])
        #expect(plan.adds.count == 1 && plan.updates.isEmpty)
        #expect(harness.mailbox.contacts["old1"] == anchorContact)
        let gone = harness.plan([], allowRemovals: true)
        #expect(!gone.removes.contains { $0.contactId == "old1" })
    }

    @Test func alreadyManagedSourcesDoNotAdoptAgain() {
        let harness = PersonalHarness(
            target: adopting,
            existing: [
                anchorContact,
                PersonalHarness.marked("m1", job: "dir", sourceId: guid, ["displayName": .string("User \(guid)")]),
            ]
        )
        let plan = harness.plan([SyncFixtures.person(guid)])
        #expect(!plan.updates.contains { $0.contactId == "old1" })
        #expect(plan.adds.isEmpty)
    }

    @Test func adoptionMatchesGuidsCaseInsensitivelyAndCustomPrefixes() {
        var contact = anchorContact
        contact["fileAs"] = .string("Dir-\(guid.uppercased())")
        let target = PersonalContactsTarget(
            tenant: "t",
            adoptO365Synchronizer: O365SynchronizerAdoption(guidPrefix: "Dir-")
        )
        let plan = PersonalHarness(target: target, existing: [contact]).plan([SyncFixtures.person(guid)])
        #expect(plan.updates.first?.adopted == true)
    }

    @Test func skipUpdateAlsoSkipsAdoptionWithoutAdding() {
        let target = PersonalContactsTarget(
            tenant: "t",
            adoptO365Synchronizer: O365SynchronizerAdoption(),
            skipUpdate: true
        )
        let plan = PersonalHarness(target: target, existing: [anchorContact]).plan([SyncFixtures.person(guid)])
        #expect(plan.adds.isEmpty && plan.updates.isEmpty)
        #expect(plan.skipped.map(\.error) == ["skipUpdate"])
    }
}
