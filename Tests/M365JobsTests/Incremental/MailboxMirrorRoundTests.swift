import M365Client
import M365Primitives
import M365State
import Testing

@testable import M365Jobs

/// A delta round taken in page by page: entries come unfolded, so the mirror folds them as a whole round would.
@Suite struct MailboxMirrorRoundTests {
    private static func row(_ id: String, source: String) -> MirrorContact {
        MirrorContact(contactId: id, sourceId: source, createdDateTime: nil, stateHash: "h-\(source)", data: nil)
    }

    private static let removed: JSONValue = ["reason": "deleted"]

    private func mirror() -> MailboxMirror {
        MailboxMirror(job: "dir", rows: [Self.row("c1", source: "s1"), Self.row("c2", source: "s2")])
    }

    @Test func aLaterEntryForAContactAddsToAnEarlierOneAcrossPages() {
        var mirror = mirror()
        var round = DeltaRound()
        mirror.absorb(page: [["id": "c1", "givenName": "Ann", "surname": "Old"]], round: &round)
        mirror.absorb(page: [["id": "c1", "surname": "New"]], round: &round)
        #expect(mirror.finish(round, fullRound: false).isEmpty)
        let known = mirror.known["c1"]
        #expect(known?["givenName"] == "Ann")
        #expect(known?["surname"] == "New")
        #expect(known?["singleValueExtendedProperties"] != nil)
        #expect(mirror.rows.keys.sorted() == ["c1", "c2"])
    }

    @Test func aRemovalForgetsAContactUntilItAppearsAgainAndOnlyStillPresentUnknownOnesAreChecked() {
        var mirror = mirror()
        var round = DeltaRound()
        mirror.absorb(page: [["id": "c1", "@removed": Self.removed], ["id": "x1"], ["id": "x2"]], round: &round)
        mirror.absorb(
            page: [["id": "c1", "givenName": "Back"], ["id": "x2", "@removed": Self.removed]],
            round: &round
        )
        // c1's row went with its removal: the contact that reappeared is read with the marker, as x1 is.
        #expect(mirror.finish(round, fullRound: false) == ["c1", "x1"])
        #expect(mirror.rows.keys.sorted() == ["c2"])
    }

    @Test func aFullRoundForgetsOwnedContactsItDidNotReport() {
        var mirror = mirror()
        var round = DeltaRound()
        mirror.absorb(page: [["id": "c2", "givenName": "Bo"]], round: &round)
        #expect(mirror.finish(round, fullRound: true).isEmpty)
        #expect(mirror.rows.keys.sorted() == ["c2"])
        var kept = self.mirror()
        var other = DeltaRound()
        kept.absorb(page: [["id": "c2", "givenName": "Bo"]], round: &other)
        _ = kept.finish(other, fullRound: false)
        #expect(kept.rows.keys.sorted() == ["c1", "c2"])
    }

    @Test func settlingTurnsEachReportedContactIntoItsRowAtOnce() {
        var mirror = mirror()
        var round = DeltaRound()
        mirror.absorb(page: [["id": "c1", "givenName": "Ann"]], round: &round) { row, contact in
            var row = row
            row.stateHash = nil
            row.data = contact["givenName"]?.stringValue
            return row
        }
        #expect(mirror.rows["c1"]?.data == "Ann")
        #expect(mirror.rows["c1"]?.stateHash == nil)
        #expect(mirror.known.isEmpty)
    }
}
