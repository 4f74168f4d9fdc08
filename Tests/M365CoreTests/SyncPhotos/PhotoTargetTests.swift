import M365Core
import M365Primitives
import Testing

@Suite struct PhotoTargetTests {
    func contact(_ id: String, job: String? = "pc", source: String) -> ExistingContact? {
        var raw: [String: JSONValue] = ["id": .string(id)]
        if let job {
            raw["singleValueExtendedProperties"] = PersonalContactMarker.bodyValue(
                OwnershipMarker(job: job, sourceId: source)
            )
        }
        return ExistingContact(graph: raw, job: "pc")
    }

    func person(_ id: String) -> DesiredContact {
        DesiredContact(sourceId: id, displayName: id.uppercased(), email: "\(id)@x.com", values: [:])
    }

    @Test func onlyThisJobsContactsOfSelectedPeopleThatStayAndTheOnesJustCreated() {
        let existing = [
            contact("c1", source: "a"), contact("c2", source: "b"), contact("c3", source: "gone"),
            contact("c4", job: "other", source: "a"), contact("c5", job: nil, source: "a"),
        ].compactMap { $0 }
        let targets = PhotoTarget.targets(
            existing: existing,
            removed: ["c2"],
            desired: [person("a"), person("b"), person("n")],
            created: ["n": "c9", "unknown": "c8"]
        )
        #expect(
            targets == [
                PhotoTarget(contactId: "c1", sourceId: "a", displayName: "A", email: "a@x.com"),
                PhotoTarget(contactId: "c9", sourceId: "n", displayName: "N", email: "n@x.com"),
            ]
        )
    }
}
