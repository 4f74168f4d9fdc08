import M365Core
import M365Primitives
import Testing

/// Seeded randomized runs of the personal contacts planner over generated sources and mailboxes.
@Suite struct PersonalContactsPropertyTests {
    static let titles: [JSONValue] = ["Engineer", " Engineer ", "Lead", "", .null]
    static let phones: [JSONValue] = [[], ["1"], ["1", "2"], ["2", "1"], [" 3 "]]
    static let cities: [JSONValue] = ["Oslo", "oslo", "", .null, "Bergen"]

    static func person(_ index: Int, _ rng: inout SeededRandom) -> SourcePerson {
        SyncFixtures.person(
            "u\(index)",
            [
                "jobTitle": rng.pick(titles), "businessPhones": rng.pick(phones), "city": rng.pick(cities),
                "mail": rng.chance(0.20) ? "U\(index)@Contoso.com" : "u\(index)@contoso.com",
                "mobilePhone": rng.chance(0.50) ? .null : "+47 \(index)",
                "displayName": rng.chance(0.10) ? "  Renamed   \(index)" : "User \(index)",
            ]
        )
    }

    static func source(_ rng: inout SeededRandom) -> [SourcePerson] {
        (0..<24).filter { _ in rng.chance(0.70) }.map { person($0, &rng) }
    }

    static func mailbox(_ rng: inout SeededRandom) -> FakeMailbox {
        var contacts: [[String: JSONValue]] = []
        for index in 0..<Int.random(in: 0..<30, using: &rng) {
            let sourceId = "u\(Int.random(in: 0..<30, using: &rng))"
            switch Int.random(in: 0..<5, using: &rng) {
            case 0:
                contacts.append(
                    PersonalHarness.handmade("h\(index)", "User \(sourceId)", email: "\(sourceId)@contoso.com")
                )
            case 1:
                contacts.append(
                    PersonalHarness.marked("f\(index)", job: "other", sourceId: sourceId, ["jobTitle": "x"])
                )
            case 2:
                contacts.append(["id": "a\(index)", "fileAs": "O365Synchronizer\(sourceId)", "displayName": "Anchor"])
            default:
                contacts.append(
                    PersonalHarness.marked("m\(index)", job: "dir", sourceId: sourceId, ["jobTitle": rng.pick(titles)])
                )
            }
        }
        return FakeMailbox(contacts: contacts)
    }

    @Test(arguments: 0..<40)
    func invariantsHold(seed: Int) {
        var rng = SeededRandom(seed: UInt64(seed) &* 7919 &+ 17)
        let adopt = rng.chance(0.50)
        let safety = SafetyLimits(
            maxRemove: Int.random(in: 0..<6, using: &rng),
            maxRemovePercent: rng.pick([0, 10, 50, 100])
        )
        let target = PersonalContactsTarget(
            tenant: "t",
            categories: rng.pick([nil, [], ["Directory"]]),
            adoptO365Synchronizer: adopt ? O365SynchronizerAdoption() : nil
        )
        var harness = PersonalHarness(target: target, safety: safety)
        harness.mailbox = Self.mailbox(&rng)

        for _ in 0..<4 {
            let people = Self.source(&rng)
            let read: SourceReadStatus = rng.chance(0.25) ? .incomplete : .complete
            let allow = rng.chance(0.30)
            let before = harness.mailbox
            let plan = harness.plan(people, read: read, allowRemovals: allow)
            check(plan, before: before, people: people, read: read, allow: allow, safety: safety)
            harness.mailbox.apply(plan)
            for (id, contact) in before.contacts
            where !isOurs(contact) && !plan.updates.contains(where: { $0.contactId == id && $0.adopted }) {
                #expect(
                    harness.mailbox.contacts[id] == contact,
                    "seed \(seed): unmarked or foreign contact \(id) changed"
                )
            }
            let again = harness.plan(people, read: read, allowRemovals: allow)
            #expect(again.adds.isEmpty && again.updates.isEmpty, "seed \(seed): second plan writes")
            // Only removals held back last time remain; adds may since have lowered their share below the limit.
            let pending = (again.removes + again.blockedRemoves).map(\.contactId).sorted()
            #expect(pending == plan.blockedRemoves.map(\.contactId).sorted(), "seed \(seed): new removals")
            if plan.blockedRemoves.isEmpty {
                let managed = harness.mailbox.managed(by: "dir")
                #expect(Set(managed.keys) == Set(people.map(\.id)), "seed \(seed): managed set differs from source")
                #expect(managed.values.allSatisfy { $0.count == 1 }, "seed \(seed): duplicates left")
            }
        }
    }

    func isOurs(_ contact: [String: JSONValue]) -> Bool {
        PersonalContactMarker.rawValue(in: contact).flatMap(OwnershipMarker.init(parsing:))?.job == "dir"
    }

    func check(
        _ plan: PersonalContactsPlan,
        before: FakeMailbox,
        people: [SourcePerson],
        read: SourceReadStatus,
        allow: Bool,
        safety: SafetyLimits
    ) {
        if read == .incomplete { #expect(plan.removes.isEmpty) }
        if !allow {
            #expect(plan.removes.count <= safety.maxRemove)
            #expect(Double(plan.removes.count) * 100 <= safety.maxRemovePercent * Double(plan.managedCount))
        }
        for remove in plan.removes { #expect(isOurs(before.contacts[remove.contactId]!)) }
        for update in plan.updates {
            let contact = before.contacts[update.contactId]!
            #expect(isOurs(contact) || update.adopted)
            let allowed = Set(ContactField.allCases.map(\.rawValue) + ["singleValueExtendedProperties", "fileAs"])
            #expect(Set(update.body.keys).isSubset(of: allowed))
        }
        let selected = Set(people.map(\.id))
        for remove in plan.removes + plan.blockedRemoves where remove.reason == .duplicate {
            #expect(selected.contains(remove.sourceId))
        }
    }
}
