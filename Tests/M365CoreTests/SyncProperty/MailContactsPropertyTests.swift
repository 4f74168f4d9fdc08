import M365Core
import M365Primitives
import Testing

/// Seeded randomized runs of the mail contacts planner over generated sources and tenants.
@Suite struct MailContactsPropertyTests {
    static let names = ["Ann Lee", "Bo Berg", "Ann Lee", "Cy Dahl", "X"]
    static let titles: [JSONValue] = ["Rep", " Rep", "Lead", "", .null]
    static let countries: [JSONValue] = ["Norway", "NO", "United States", "Atlantis", .null]

    /// Addresses are fixed per person and seed; names, titles and managers vary between runs.
    static func people(_ emails: [Int: String], _ rng: inout SeededRandom) -> [SourcePerson] {
        emails.keys.sorted().filter { _ in rng.chance(0.75) }.map { index in
            SyncFixtures.person(
                "u\(index)",
                [
                    "displayName": .string(rng.pick(names)), "mail": .string(emails[index]!),
                    "jobTitle": rng.pick(titles),
                    "country": rng.pick(countries), "businessPhones": rng.chance(0.50) ? ["1", "2"] : [],
                    "manager": rng.chance(0.30) ? ["id": .string("u\(Int.random(in: 0..<12, using: &rng))")] : .null,
                ]
            )
        }
    }

    static func tenant(_ rng: inout SeededRandom) -> FakeExchange {
        var exchange = FakeExchange()
        for index in 0..<Int.random(in: 0..<12, using: &rng) {
            let email = rng.pick(["h\(index)@contoso.com", "u\(index)@contoso.com", "p\(index)@partner.com"])
            let marker: JSONValue = rng.pick([
                "", "m365sync:b2a:u\(index)", "m365sync:a2b:u\(Int.random(in: 0..<14, using: &rng))", "note",
            ])
            exchange.seed(
                name: rng.pick(names + ["Ann Lee-2", "Other \(index)"]) + (rng.chance(0.50) ? "" : " \(index)"),
                email: email,
                [
                    "CustomAttribute15": marker, "Title": rng.pick(titles),
                ]
            )
        }
        return exchange
    }

    @Test(arguments: 0..<40)
    func invariantsHold(seed: Int) {
        var rng = SeededRandom(seed: UInt64(seed) &* 104_729 &+ 3)
        var emails: [Int: String] = [:]
        for index in 0..<12 {
            emails[index] = rng.pick([
                "u\(index)@contoso.com", "u\(index)@contoso.com", "shared@contoso.com", "u\(index)@out.com",
            ])
        }
        let ownership: MailContactsTarget.Ownership = rng.chance(0.50) ? .marker : .domain
        let target = MailContactsTarget(
            tenant: "fabrikam",
            domains: ["contoso.com"],
            ownership: ownership,
            ensureUniqueDisplayName: rng.chance(0.50)
        )
        let safety = SafetyLimits(
            maxRemove: Int.random(in: 0..<4, using: &rng),
            maxRemovePercent: rng.pick([0, 20, 100])
        )
        var harness = MailHarness(target: target, safety: safety)
        harness.exchange = Self.tenant(&rng)

        for _ in 0..<4 {
            let people = Self.people(emails, &rng)
            let read: SourceReadStatus = rng.chance(0.25) ? .incomplete : .complete
            let allow = rng.chance(0.30)
            let before = harness.exchange
            let plan = harness.plan(people, read: read, allowRemovals: allow)
            if read == .incomplete { #expect(plan.removes.isEmpty) }
            if !allow {
                #expect(plan.removes.count <= safety.maxRemove)
                #expect(Double(plan.removes.count) * 100 <= safety.maxRemovePercent * Double(plan.managedCount))
            }
            harness.exchange.apply(plan)
            #expect(harness.exchange.errors.isEmpty, "seed \(seed): \(harness.exchange.errors)")
            let adopted = Set(plan.updates.filter(\.adopted).map(\.identity))
            for (guid, contact) in before.mailContacts where !owned(contact, ownership) && !adopted.contains(guid) {
                #expect(
                    harness.exchange.mailContacts[guid] == contact,
                    "seed \(seed): contact \(guid) not ours changed"
                )
                #expect(harness.exchange.contacts[guid] == before.contacts[guid])
            }
            var again = harness.plan(people, read: read, allowRemovals: allow)
            let pending = (again.removes + again.blockedRemoves).map(\.identity).sorted()
            #expect(pending == plan.blockedRemoves.map(\.identity).sorted(), "seed \(seed): new removals")
            if !again.removes.isEmpty {
                // Adds raised the managed count, so a removal blocked by the percentage now goes ahead; what it frees
                // (an address, a name) may be used once more.
                harness.exchange.apply(again)
                again = harness.plan(people, read: read, allowRemovals: allow)
            }
            #expect(
                again.adds.isEmpty && again.updates.isEmpty && again.managerLinks.isEmpty,
                "seed \(seed): second plan writes"
            )
            harness.exchange.errors = []
        }
    }

    func owned(_ contact: [String: JSONValue], _ ownership: MailContactsTarget.Ownership) -> Bool {
        let marker = contact["CustomAttribute15"]?.stringValue.flatMap(OwnershipMarker.init(parsing:))
        if let marker { return marker.job == "a2b" }
        let email = contact["PrimarySmtpAddress"]?.stringValue?.lowercased() ?? ""
        return ownership == .domain && email.hasSuffix("@contoso.com")
    }
}
