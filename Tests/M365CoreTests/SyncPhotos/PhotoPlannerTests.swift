import Foundation
import M365Core
import Testing

@Suite struct PhotoPlannerTests {
    func target(_ contact: String, _ source: String) -> PhotoTarget {
        PhotoTarget(contactId: contact, sourceId: source, displayName: source.uppercased(), email: "\(source)@x.com")
    }

    func photo(_ etag: String, size: Int? = nil) -> SourcePhoto {
        .photo(PhotoMetadata(etag: etag, contentType: "image/jpeg"), size: size)
    }

    @Test func uploadsOnlyWhereTheSourceETagDiffersFromTheLastUpload() {
        let plan = PhotoPlanner.plan(
            targets: [target("c1", "a"), target("c2", "b"), target("c3", "c"), target("c4", "a")],
            sources: ["a": photo("A2"), "b": photo("B1"), "c": .noPhoto],
            uploaded: ["c1": "A1", "c2": "B1"]
        )
        #expect(plan.uploads.map(\.target.contactId) == ["c1", "c4"])
        #expect(plan.uploads.map(\.previousEtag) == ["A1", nil])
        #expect(plan.uploads.allSatisfy { $0.etag == "A2" })
        #expect(plan.tooLarge.isEmpty && plan.removedAtSource.isEmpty && plan.forget.isEmpty)
    }

    @Test func nothingToDoWhenEverythingMatches() {
        let plan = PhotoPlanner.plan(
            targets: [target("c1", "a"), target("c2", "b")],
            sources: ["a": photo("A1"), "b": .noPhoto],
            uploaded: ["c1": "A1"]
        )
        #expect(plan.isEmpty)
    }

    @Test func unknownSourcesDecideNothing() {
        let plan = PhotoPlanner.plan(
            targets: [target("c1", "a"), target("c2", "b")],
            sources: ["b": .unknown],
            uploaded: ["c1": "A1", "c2": "B1"]
        )
        #expect(plan.isEmpty)
    }

    @Test func aRemovedSourcePhotoIsReportedOnceAndForgotten() {
        let plan = PhotoPlanner.plan(targets: [target("c1", "a")], sources: ["a": .noPhoto], uploaded: ["c1": "A1"])
        #expect(plan.removedAtSource.map(\.etag) == ["A1"])
        #expect(plan.forget == ["c1"])
        #expect(plan.uploads.isEmpty)
    }

    @Test func aPhotoKnownToBeTooLargeIsSkippedWithoutReadingIt() {
        let limit = PhotoContent.maxUploadBytes
        let plan = PhotoPlanner.plan(
            targets: [target("c1", "a"), target("c2", "b")],
            sources: ["a": photo("A1", size: limit + 1), "b": photo("B1", size: limit)],
            uploaded: [:]
        )
        #expect(plan.tooLarge.map(\.target.contactId) == ["c1"])
        #expect(plan.uploads.map(\.target.contactId) == ["c2"])
    }

    @Test func recordsOfContactsNoLongerTargetedAreForgotten() {
        let plan = PhotoPlanner.plan(
            targets: [target("c1", "a")],
            sources: ["a": photo("A1")],
            uploaded: ["c1": "A1", "gone": "X"]
        )
        #expect(plan.forget == ["gone"])
        #expect(plan.uploads.isEmpty)
    }

    @Test func metadataIsReadAgainOnlyAfterTheRefreshInterval() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let due = PhotoPlanner.due(
            ["never", "fresh", "stale", "exact", "future"],
            checkedAt: [
                "fresh": now.addingTimeInterval(-3_599), "stale": now.addingTimeInterval(-7_200),
                "exact": now.addingTimeInterval(-3_600), "future": now.addingTimeInterval(60),
            ],
            now: now,
            interval: .seconds(3_600)
        )
        #expect(due == ["never", "stale", "exact", "future"])
        #expect(PhotoPlanner.due(["fresh"], checkedAt: ["fresh": now], now: now, interval: .zero) == ["fresh"])
    }
}
