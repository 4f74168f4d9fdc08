import M365Core
import M365Primitives
import Testing

@Suite struct PersonalContactsPlannerTests {
    let people = (1...3).map {
        SyncFixtures.person("u\($0)", ["jobTitle": "Engineer", "businessPhones": ["+1 \($0)"]])
    }

    @Test func firstRunAddsEveryoneWithTheMarker() {
        let harness = PersonalHarness()
        let plan = harness.plan(people)
        #expect(plan.adds.map(\.sourceId) == ["u1", "u2", "u3"])
        #expect(plan.updates.isEmpty && plan.removes.isEmpty && plan.unchanged == 0)
        let body = plan.adds[0].body
        #expect(body["displayName"] == "User u1")
        #expect(body["jobTitle"] == "Engineer")
        #expect(body["businessPhones"] == ["+1 1"])
        #expect(body["emailAddresses"] == [["name": "User u1", "address": "u1@contoso.com"]])
        #expect(body["mobilePhone"] == nil, "empty values are left out of a create")
        #expect(PersonalContactMarker.rawValue(in: body) == "m365sync:dir:u1")
    }

    @Test func secondRunOverUnchangedDataIsEmpty() {
        var harness = PersonalHarness()
        harness.sync(people)
        let second = harness.plan(people)
        #expect(second.isEmpty)
        #expect(second.unchanged == 3)
        #expect(second.managedCount == 3)
    }

    @Test func changedTitleIsAnUpdateOfThatFieldOnly() {
        var harness = PersonalHarness()
        harness.sync(people)
        var changed = people
        changed[1].jobTitle = "Lead"
        let plan = harness.plan(changed)
        #expect(plan.updates.count == 1)
        #expect(plan.updates[0].sourceId == "u2")
        #expect(plan.updates[0].body == ["jobTitle": "Lead"])
        #expect(plan.updates[0].changes == ["jobTitle": ValueChange(old: "Engineer", new: "Lead")])
        #expect(plan.unchanged == 2)
    }

    @Test func fieldsEmptiedAtTheSourceAreCleared() {
        var harness = PersonalHarness()
        var person = SyncFixtures.person(
            "u1",
            ["jobTitle": "Rep", "businessPhones": ["1"], "city": "Oslo", "mobilePhone": "2"]
        )
        harness.sync([person])
        person.jobTitle = nil
        person.businessPhones = []
        person.city = nil
        person.mobilePhone = "  "
        let plan = harness.plan([person])
        let body = plan.updates[0].body
        #expect(body["jobTitle"] == .null)
        #expect(body["mobilePhone"] == .null)
        #expect(body["businessPhones"] == [])
        #expect(body["businessAddress"]?.objectValue?["city"] == .null)
        #expect(plan.updates[0].changes["jobTitle"] == ValueChange(old: "Rep", new: ""))
        harness.mailbox.apply(plan)
        #expect(harness.plan([person]).isEmpty)
    }

    @Test func graphRepresentationDifferencesAreNotUpdates() {
        let person = SyncFixtures.person(
            "u1",
            ["businessPhones": ["1", "2"], "jobTitle": "Rep", "mail": "Ann@Contoso.com"]
        )
        let stored = PersonalHarness.marked(
            "c1",
            job: "dir",
            sourceId: "u1",
            [
                "displayName": "User  u1 ", "jobTitle": "Rep", "businessPhones": ["2", "1"], "homePhones": [],
                "businessAddress": [:], "emailAddresses": [["name": "User u1", "address": "ann@contoso.com"]],
                "mobilePhone": "", "givenName": .null, "personalNotes": "notes a user added", "birthday": "2000-01-01",
            ]
        )
        let harness = PersonalHarness(existing: [stored])
        let plan = harness.plan([person])
        #expect(plan.isEmpty)
        #expect(plan.unchanged == 1)
    }

    @Test func unmappedFieldsAreNeverWritten() {
        var harness = PersonalHarness(existing: [
            PersonalHarness.marked("c1", job: "dir", sourceId: "u1", ["personalNotes": "x"])
        ])
        let plan = harness.sync([SyncFixtures.person("u1", ["jobTitle": "Rep"])])
        #expect(plan.updates.count == 1)
        #expect(plan.updates[0].body["personalNotes"] == nil)
        #expect(plan.updates[0].body["birthday"] == nil)
        #expect(harness.mailbox.contacts["c1"]?["personalNotes"] == "x")
    }

    @Test func contactsWithoutThisJobsMarkerAreNeverTouched() {
        let handmade = PersonalHarness.handmade("h1", "User u1", email: "u1@contoso.com")
        let foreign = PersonalHarness.marked("f1", job: "other", sourceId: "u2", ["displayName": "Old"])
        let garbage: [String: JSONValue] = [
            "id": "g1",
            "singleValueExtendedProperties": [["id": .string(PersonalContactMarker.propertyId), "value": "junk"]],
        ]
        var harness = PersonalHarness(existing: [handmade, foreign, garbage])
        let plan = harness.sync(people)
        #expect(plan.adds.count == 3)
        for id in ["h1", "f1", "g1"] {
            #expect(!plan.updates.contains { $0.contactId == id })
            #expect(!plan.removes.contains { $0.contactId == id })
        }
        let leaving = harness.sync([], allowRemovals: true)
        #expect(Set(leaving.removes.map(\.contactId)).isDisjoint(with: ["h1", "f1", "g1"]))
        #expect(harness.mailbox.contacts["h1"] == handmade)
        #expect(harness.mailbox.contacts["f1"] == foreign)
        #expect(harness.mailbox.contacts["g1"] == garbage)
    }

    @Test func categoriesNilLeavesThemUntouchedAndEmptyClears() {
        let stored = PersonalHarness.marked(
            "c1",
            job: "dir",
            sourceId: "u1",
            ["displayName": "User u1", "categories": ["Mine"]]
        )
        let untouched = PersonalHarness(
            target: PersonalContactsTarget(tenant: "t", fields: FieldSelection(include: ["displayName"])),
            existing: [stored]
        )
        #expect(untouched.plan([SyncFixtures.person("u1")]).isEmpty)
        let clearing = PersonalHarness(
            target: PersonalContactsTarget(
                tenant: "t",
                fields: FieldSelection(include: ["displayName"]),
                categories: []
            ),
            existing: [stored]
        )
        #expect(clearing.plan([SyncFixtures.person("u1")]).updates.first?.body == ["categories": []])
        let setting = PersonalHarness(
            target: PersonalContactsTarget(
                tenant: "t",
                fields: FieldSelection(include: ["displayName"]),
                categories: ["mine"]
            ),
            existing: [stored]
        )
        #expect(setting.plan([SyncFixtures.person("u1")]).isEmpty, "category comparison ignores case")
    }

    @Test func excludedFieldsAreNotCompared() {
        let stored = PersonalHarness.marked(
            "c1",
            job: "dir",
            sourceId: "u1",
            ["displayName": "User u1", "homePhones": ["5"]]
        )
        let target = PersonalContactsTarget(
            tenant: "t",
            fields: FieldSelection(include: ["displayName", "homePhones"], exclude: ["homePhones"])
        )
        #expect(PersonalHarness(target: target, existing: [stored]).plan([SyncFixtures.person("u1")]).isEmpty)
    }

    @Test func orgContactHomePhonesDoNotCausePerpetualUpdates() {
        let orgContact = SourcePerson(
            orgContact: [
                "id": "oc1", "displayName": "Org Person", "mail": "org@partner.com",
                "phones": [
                    ["type": "home", "number": "1"], ["type": "home", "number": "2"],
                    ["type": "business", "number": "3"],
                ],
            ]
        )!
        var harness = PersonalHarness()
        let first = harness.sync([orgContact])
        #expect(first.adds[0].body["homePhones"] == ["1", "2"])
        let id = harness.mailbox.listing[0]["id"]!.stringValue!
        harness.mailbox.patch(id, ["homePhones": ["2", "1"], "businessAddress": ["street": .null, "city": ""]])
        #expect(harness.plan([orgContact]).isEmpty)
    }

    @Test func addressUpdatesSendTheWholeAddress() {
        var harness = PersonalHarness()
        var person = SyncFixtures.person("u1", ["city": "Oslo", "country": "Norway"])
        harness.sync([person])
        person.city = "Bergen"
        let body = harness.plan([person]).updates[0].body
        #expect(
            body["businessAddress"] == [
                "street": .null, "city": "Bergen", "state": .null, "postalCode": .null, "countryOrRegion": "Norway",
            ]
        )
    }
}
