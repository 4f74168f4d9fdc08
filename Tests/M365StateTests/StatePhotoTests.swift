import Foundation
import M365State
import Testing

@Suite struct StatePhotoTests {
    let state: StateStoreFolder

    init() throws {
        state = try StateStoreFolder()
    }

    func openStore() throws -> StateStore {
        try state.openStore()
    }

    @Test func sourcePhotoRecordsAreReplacedPerSourceAndSurviveAReopen() throws {
        let checked = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let store = try openStore()
            try store.recordSourcePhotos(
                [
                    SourcePhotoRecord(sourceId: "a", etag: "\"1\"", contentType: "image/jpeg", checkedAt: checked),
                    SourcePhotoRecord(sourceId: "b", etag: nil, checkedAt: checked),
                ],
                scope: "job:x"
            )
            try store.recordSourcePhotos(
                [
                    SourcePhotoRecord(
                        sourceId: "a",
                        etag: "\"2\"",
                        contentType: "image/png",
                        size: 9,
                        checkedAt: checked
                    )
                ],
                scope: "job:x"
            )
        }
        let store = try openStore()
        let records = try store.sourcePhotos(scope: "job:x")
        #expect(
            records["a"]
                == SourcePhotoRecord(
                    sourceId: "a",
                    etag: "\"2\"",
                    contentType: "image/png",
                    size: 9,
                    checkedAt: checked
                )
        )
        #expect(records["b"] == SourcePhotoRecord(sourceId: "b", etag: nil, checkedAt: checked))
        #expect(try store.sourcePhotos(scope: "job:y").isEmpty)
    }

    @Test func contactPhotoRecordsArePerMailboxAndRemovable() throws {
        let store = try openStore()
        try store.recordContactPhotos(
            [
                ContactPhotoRecord(contactId: "c1", sourceId: "a", etag: "\"1\""),
                ContactPhotoRecord(contactId: "c2", sourceId: "b", etag: "\"1\""),
            ],
            scope: "job:x",
            mailbox: "m1"
        )
        try store.recordContactPhotos(
            [ContactPhotoRecord(contactId: "c9", sourceId: "a", etag: "\"1\"")],
            scope: "job:x",
            mailbox: "m2"
        )
        try store.recordContactPhotos(
            [ContactPhotoRecord(contactId: "c1", sourceId: "a", etag: "\"2\"")],
            removing: ["c2"],
            scope: "job:x",
            mailbox: "m1"
        )
        #expect(
            try store.contactPhotos(scope: "job:x", mailbox: "m1") == [
                "c1": ContactPhotoRecord(contactId: "c1", sourceId: "a", etag: "\"2\"")
            ]
        )
        try store.recordSourcePhotos([SourcePhotoRecord(sourceId: "a", etag: nil, checkedAt: Date())], scope: "job:x")
        try store.removePhotos(scope: "job:x", mailbox: "m1")
        #expect(try store.contactPhotos(scope: "job:x", mailbox: "m1").isEmpty)
        #expect(try store.photoRecordCount(scope: "job:x") == 2)
        try store.removePhotos(scope: "job:x")
        #expect(try store.photoRecordCount(scope: "job:x") == 0)
    }
}
