import M365Primitives
import Testing

@testable import M365Jobs

/// A source delta round taken in page by page and kept as text: folded like a whole round, merged over the mirror.
@Suite struct SourceRoundTests {
    private static func text(_ object: JSONValue) -> String { object.canonicalText }
    private static let removed: JSONValue = ["reason": "deleted"]

    @Test func laterEntriesAddToEarlierOnesAcrossPagesAndARemovalWinsUntilTheObjectReappears() {
        var round = SourceRound()
        round.take([["id": "u1", "displayName": "Ann", "city": "Oslo"], ["displayName": "no id"]])
        round.take([["id": "u1", "city": "Bergen"], ["id": "u2", "displayName": "Bo"]])
        round.take([["id": "u2", "@removed": Self.removed], ["id": "u3", "@removed": Self.removed]])
        round.take([["id": "u3", "displayName": "Cy"]])
        #expect(round.texts["u1"] == Self.text(["id": "u1", "displayName": "Ann", "city": "Bergen"]))
        #expect(round.texts["u2"] == nil && round.removed == ["u2"])
        #expect(round.texts["u3"] == Self.text(["id": "u3", "displayName": "Cy"]))
        #expect(round.anonymousCount == 1)
    }

    @Test func anIncrementalRoundMergesPartialObjectsOverTheMirrorAndRecordsWhatChanged() {
        let stored = [
            "u1": Self.text(["id": "u1", "displayName": "Ann", "city": "Oslo"]),
            "u2": Self.text(["id": "u2", "displayName": "Bo"]),
            "u3": Self.text(["id": "u3", "displayName": "Cy"]),
        ]
        var round = SourceRound()
        round.take([["id": "u1", "city": "Bergen"], ["id": "u2", "@removed": Self.removed], ["id": "u3"]])
        let collection = round.merging(into: stored, kind: "users")
        let merged = Self.text(["id": "u1", "displayName": "Ann", "city": "Bergen"])
        #expect(collection.texts == ["u1": merged, "u3": stored["u3"]!])
        #expect(collection.previous == ["u1": stored["u1"], "u2": stored["u2"]])
        let changes: [String: String?] = ["u1": merged, "u2": nil]
        #expect(collection.changes == changes)
        #expect(!collection.replaceAll)
    }

    @Test func aFullRoundReplacesTheMirrorAndRecordsEveryDifference() {
        let stored = [
            "u1": Self.text(["id": "u1", "displayName": "Ann"]),
            "u2": Self.text(["id": "u2", "displayName": "Bo"]),
        ]
        var round = SourceRound()
        round.take([["id": "u1", "displayName": "Ann"], ["id": "u3", "displayName": "Cy"]])
        let collection = round.replacing(stored, kind: "users")
        #expect(collection.texts.keys.sorted() == ["u1", "u3"])
        let previous: [String: String?] = ["u2": stored["u2"], "u3": nil]
        #expect(collection.previous == previous)
        #expect(collection.changes.count == 2 && collection.replaceAll)
        #expect(collection.committing.texts.isEmpty && collection.committing.changes == collection.changes)
    }
}
