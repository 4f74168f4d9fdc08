import M365Core
import M365Primitives

/// A planner for job `dir` over a fake mailbox, with helpers to run plan-apply cycles.
struct PersonalHarness {
    var planner: PersonalContactsPlanner
    var mailbox = FakeMailbox()

    init(
        target: PersonalContactsTarget = PersonalContactsTarget(tenant: "t"),
        safety: SafetyLimits = SafetyLimits(maxRemove: 500, maxRemovePercent: 100),
        existing: [[String: JSONValue]] = []
    ) {
        planner = PersonalContactsPlanner(job: "dir", target: target, safety: safety)
        mailbox = FakeMailbox(contacts: existing)
    }

    func plan(
        _ people: [SourcePerson],
        read: SourceReadStatus = .complete,
        allowRemovals: Bool = false
    ) -> PersonalContactsPlan {
        planner.plan(people: people, existing: mailbox.listing, sourceRead: read, allowRemovals: allowRemovals)
    }

    /// Plans and applies; returns the applied plan.
    @discardableResult
    mutating func sync(
        _ people: [SourcePerson],
        read: SourceReadStatus = .complete,
        allowRemovals: Bool = false
    )
        -> PersonalContactsPlan
    {
        let plan = plan(people, read: read, allowRemovals: allowRemovals)
        mailbox.apply(plan)
        return plan
    }

    /// A contact a person made by hand in the same folder.
    static func handmade(_ id: String, _ name: String, email: String) -> [String: JSONValue] {
        [
            "id": .string(id), "displayName": .string(name), "personalNotes": "mine",
            "emailAddresses": [["name": .string(name), "address": .string(email)]],
        ]
    }

    /// A contact carrying the marker of `job` for `sourceId`.
    static func marked(
        _ id: String,
        job: String,
        sourceId: String,
        _ fields: [String: JSONValue] = [:]
    ) -> [String: JSONValue] {
        var contact = fields
        contact["id"] = .string(id)
        contact["singleValueExtendedProperties"] = PersonalContactMarker.bodyValue(
            OwnershipMarker(job: job, sourceId: sourceId)
        )
        return contact
    }
}
