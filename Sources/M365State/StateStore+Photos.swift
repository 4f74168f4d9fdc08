import Foundation
import GRDB

extension StateStore {
    /// Every source photo record of `scope` (a job's scope), by source id.
    public func sourcePhotos(scope: String) throws(StateStoreError) -> [String: SourcePhotoRecord] {
        try read("read source photos") { db in
            let records = try SourcePhotoRecord.fetchAll(
                db,
                sql: "SELECT sourceId, etag, contentType, size, checkedAt FROM sourcePhoto WHERE scope = ?",
                arguments: [scope]
            )
            return Dictionary(records.map { ($0.sourceId, $0) }) { _, last in last }
        }
    }

    /// Stores (replaces) source photo records, in one transaction.
    public func recordSourcePhotos(_ records: [SourcePhotoRecord], scope: String) throws(StateStoreError) {
        guard !records.isEmpty else { return }
        try write("record source photos") { db in
            for record in records {
                try db.execute(
                    sql: """
                        INSERT INTO sourcePhoto (scope, sourceId, etag, contentType, size, checkedAt)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (scope, sourceId) DO UPDATE SET etag = excluded.etag,
                            contentType = excluded.contentType, size = excluded.size, checkedAt = excluded.checkedAt
                        """,
                    arguments: [
                        scope, record.sourceId, record.etag, record.contentType, record.size,
                        record.checkedAt.timeIntervalSince1970,
                    ]
                )
            }
        }
    }

    /// The photos last uploaded in one mailbox, by contact id.
    public func contactPhotos(scope: String, mailbox: String) throws(StateStoreError) -> [String: ContactPhotoRecord] {
        try read("read contact photos") { db in
            let records = try ContactPhotoRecord.fetchAll(
                db,
                sql: "SELECT contactId, sourceId, etag FROM contactPhoto WHERE scope = ? AND mailbox = ?",
                arguments: [scope, mailbox]
            )
            return Dictionary(records.map { ($0.contactId, $0) }) { _, last in last }
        }
    }

    /// Stores (replaces) contact photo records of one mailbox and removes those of `removing`, in one transaction.
    public func recordContactPhotos(
        _ records: [ContactPhotoRecord],
        removing: [String] = [],
        scope: String,
        mailbox: String
    ) throws(StateStoreError) {
        guard !records.isEmpty || !removing.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        try write("record contact photos") { db in
            for contactId in removing {
                try db.execute(
                    sql: "DELETE FROM contactPhoto WHERE scope = ? AND mailbox = ? AND contactId = ?",
                    arguments: [scope, mailbox, contactId]
                )
            }
            for record in records {
                try db.execute(
                    sql: """
                        INSERT INTO contactPhoto (scope, mailbox, contactId, sourceId, etag, uploadedAt)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (scope, mailbox, contactId) DO UPDATE SET sourceId = excluded.sourceId,
                            etag = excluded.etag, uploadedAt = excluded.uploadedAt
                        """,
                    arguments: [scope, mailbox, record.contactId, record.sourceId, record.etag, now]
                )
            }
        }
    }

    /// Forgets the photos of one mailbox (nil: of every mailbox and every source record) of `scope`.
    public func removePhotos(scope: String, mailbox: String? = nil) throws(StateStoreError) {
        try write("remove photos") { db in
            if let mailbox {
                try db.execute(
                    sql: "DELETE FROM contactPhoto WHERE scope = ? AND mailbox = ?",
                    arguments: [scope, mailbox]
                )
            } else {
                try db.execute(sql: "DELETE FROM contactPhoto WHERE scope = ?", arguments: [scope])
                try db.execute(sql: "DELETE FROM sourcePhoto WHERE scope = ?", arguments: [scope])
            }
        }
    }

    /// How many photo records `scope` holds (source and contact), for tests and `status`.
    public func photoRecordCount(scope: String) throws(StateStoreError) -> Int {
        try read("count photos") { db in
            let contacts = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM contactPhoto WHERE scope = ?",
                arguments: [scope]
            )
            let sources = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM sourcePhoto WHERE scope = ?",
                arguments: [scope]
            )
            return (contacts ?? 0) + (sources ?? 0)
        }
    }
}
