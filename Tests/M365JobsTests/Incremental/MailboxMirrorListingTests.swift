import M365Core
import M365Primitives
import M365State
import Testing

@testable import M365Jobs

/// A full listing taken in a contact at a time: contacts that hold their desired values become rows with the
/// desired contact's hash, only the others are kept whole, and the planner decides as it would from the listing.
@Suite struct MailboxMirrorListingTests {
    private let planner = PersonalContactsPlanner(
        job: "dir",
        target: PersonalContactsTarget(tenant: "t"),
        safety: SafetyLimits(maxRemove: 500, maxRemovePercent: 100)
    )

    private func person(_ id: String, _ name: String, jobTitle: String) -> SourcePerson? {
        SourcePerson(user: [
            "id": .string(id), "displayName": .string(name), "mail": .string("\(id)@example.com"),
            "jobTitle": .string(jobTitle),
        ])
    }

    @Test func onlyContactsToChangeAreKeptWholeAndThePlanIsTheListingsPlan() throws {
        let people = [
            try #require(person("s1", "Ann Lee", jobTitle: "Chemist")),
            try #require(person("s2", "Bo Berg", jobTitle: "Pilot")),
            try #require(person("s3", "Cy Dahl", jobTitle: "Baker")),
        ]
        let desired = planner.desiredContacts(for: people)
        let index = DesiredIndex(mapper: planner.mapper, desired: desired, previous: [:], unselected: [:])
        var mirror = MailboxMirror(job: "dir", rows: [])
        func listed(_ id: String, _ contact: DesiredContact?, sourceId: String) -> [String: JSONValue] {
            var values = contact?.graphBody ?? ["displayName": "Gone Person"]
            values["id"] = .string(id)
            values["createdDateTime"] = "2026-01-01T00:00:00Z"
            values["parentFolderId"] = "folder-1"
            return mirror.marked(values, sourceId: sourceId)
        }
        var edited = listed("c2", desired[1], sourceId: "s2")
        edited["jobTitle"] = "Edited by the owner"
        let listing = [
            listed("c1", desired[0], sourceId: "s1"), edited, listed("c9", nil, sourceId: "gone"),
            ["id": "own", "displayName": "A contact the owner made"],
        ]

        mirror.beginListing()
        for contact in listing {
            let existing = try #require(ExistingContact(graph: contact, job: "dir"))
            guard let sourceId = existing.managedSourceId else { continue }
            mirror.absorb(listed: contact, as: existing, sourceId: sourceId, index: index, planner: planner)
        }

        #expect(mirror.rows.keys.sorted() == ["c1", "c2", "c9"])
        #expect(mirror.rows["c1"]?.stateHash == index.hashes["s1"])
        #expect(mirror.known.keys.sorted() == ["c2", "c9"], "the matching contact is not kept whole")
        #expect(mirror.folderIdSeen == "folder-1")
        let input = try #require(mirror.plannerInput(index, order: desired))
        #expect(input.unlisted == 1)
        #expect(input.desired.map(\.sourceId) == ["s2", "s3"])

        let fromRows = planner.plan(
            desired: input.desired,
            existing: input.existing,
            unlisted: input.unlisted,
            sourceRead: .complete
        )
        let fromListing = planner.plan(desired: desired, existing: listing, sourceRead: .complete)
        #expect(fromRows.unchanged == fromListing.unchanged)
        #expect(fromRows.managedCount == fromListing.managedCount)
        #expect(fromRows.adds.map(\.sourceId) == ["s3"])
        #expect(fromRows.adds.map(\.sourceId) == fromListing.adds.map(\.sourceId))
        #expect(fromRows.updates.map(\.contactId) == ["c2"])
        #expect(fromRows.updates.map(\.contactId) == fromListing.updates.map(\.contactId))
        #expect(fromRows.removes.map(\.contactId) == ["c9"])
        #expect(fromRows.removes.map(\.contactId) == fromListing.removes.map(\.contactId))
    }
}
