import Foundation
import GRDB

/// The mirror: what each job last read from its delta-tracked collections and owns in its targets.
///
/// Each commit is one transaction holding a collection's changes together with the delta link that describes them,
/// so a crash leaves either the old link with the old rows or the new link with the new rows.
extension StateStore {
    /// The state of one tracked collection of `job`; nil when there is none (the next read is a full one).
    public func mirrorScope(job: String, scope: String) throws(StateStoreError) -> MirrorScope? {
        try read("read mirror scope") { db in
            try MirrorScopeRow.fetchOne(
                db,
                sql: """
                    SELECT deltaLink, fingerprint, fullReadAt, needsFullRead FROM mirrorScope
                    WHERE job = ? AND scope = ?
                    """,
                arguments: [job, scope]
            )?.scope
        }
    }

    /// Records, before writes whose outcome the mirror may not learn, that the collection must be read in full.
    public func markNeedsFullRead(job: String, scope: String) throws(StateStoreError) {
        try write("mark mirror for a full read") { db in
            try db.execute(
                sql: """
                    INSERT INTO mirrorScope (job, scope, needsFullRead, updatedAt) VALUES (?, ?, 1, ?)
                    ON CONFLICT (job, scope) DO UPDATE SET needsFullRead = 1, updatedAt = excluded.updatedAt
                    """,
                arguments: [job, scope, Date().timeIntervalSince1970]
            )
        }
    }

    /// How many of the job's mirrored objects of `kind` are not JSON objects (a damaged row: the collection must be
    /// read in full). SQLite's own JSON functions look, so no row is parsed here.
    public func damagedMirroredObjectCount(job: String, kind: String) throws(StateStoreError) -> Int {
        try read("check mirrored objects") { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM mirrorObject WHERE job = ? AND kind = ?
                        AND CASE WHEN json_valid(object) THEN json_type(object) != 'object' ELSE 1 END
                    """,
                arguments: [job, kind]
            ) ?? 0
        }
    }

    /// The mirrored objects of one kind (the source's `users`, `orgContacts`; a target's `mailContactRecords`), by
    /// id, as JSON text.
    public func mirroredObjects(job: String, kind: String) throws(StateStoreError) -> [String: String] {
        try read("read mirrored objects") { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, object FROM mirrorObject WHERE job = ? AND kind = ?",
                arguments: [job, kind]
            )
            var objects: [String: String] = [:]
            while let row = try rows.next() { objects[row["id"]] = row["object"] }
            return objects
        }
    }

    /// Stores changed objects of one kind (nil: removed), or replaces them all, with the scope `scopeName`
    /// (`source:users`, …), in one transaction.
    public func commitMirroredObjects(
        job: String,
        kind: String,
        changes: [String: String?],
        replaceAll: Bool,
        scope: MirrorScope,
        scopeName: String
    ) throws(StateStoreError) {
        try write("commit mirrored objects") { db in
            if replaceAll {
                try db.execute(sql: "DELETE FROM mirrorObject WHERE job = ? AND kind = ?", arguments: [job, kind])
            }
            for (id, object) in changes {
                if let object {
                    try db.execute(
                        sql: """
                            INSERT INTO mirrorObject (job, kind, id, object) VALUES (?, ?, ?, ?)
                            ON CONFLICT (job, kind, id) DO UPDATE SET object = excluded.object
                            """,
                        arguments: [job, kind, id, object]
                    )
                } else {
                    try db.execute(
                        sql: "DELETE FROM mirrorObject WHERE job = ? AND kind = ? AND id = ?",
                        arguments: [job, kind, id]
                    )
                }
            }
            try Self.saveScope(scope, job: job, name: scopeName, db: db)
        }
    }

    /// The contacts `job` owns in one mailbox, as mirrored.
    public func mirroredContacts(job: String, mailbox: String) throws(StateStoreError) -> [MirrorContact] {
        try read("read contact mirror") { db in
            try MirrorContact.fetchAll(
                db,
                sql: """
                    SELECT contactId, sourceId, createdDateTime, stateHash, data FROM mirrorContact
                    WHERE job = ? AND mailbox = ?
                    """,
                arguments: [job, mailbox]
            )
        }
    }

    /// Stores one mailbox's contact changes with its scope (the folder's new delta link), in one transaction.
    public func commitMailboxMirror(
        job: String,
        mailbox: String,
        changes: MirrorContactChanges,
        scope: MirrorScope
    ) throws(StateStoreError) {
        try write("commit contact mirror") { db in
            if changes.replaceAll {
                try db.execute(
                    sql: "DELETE FROM mirrorContact WHERE job = ? AND mailbox = ?",
                    arguments: [job, mailbox]
                )
            }
            for contactId in changes.deletions {
                try db.execute(
                    sql: "DELETE FROM mirrorContact WHERE job = ? AND mailbox = ? AND contactId = ?",
                    arguments: [job, mailbox, contactId]
                )
            }
            for row in changes.upserts {
                try db.execute(
                    sql: """
                        INSERT INTO mirrorContact (job, mailbox, contactId, sourceId, createdDateTime, stateHash, data)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (job, mailbox, contactId) DO UPDATE SET sourceId = excluded.sourceId,
                            createdDateTime = excluded.createdDateTime, stateHash = excluded.stateHash,
                            data = excluded.data
                        """,
                    arguments: [
                        job, mailbox, row.contactId, row.sourceId, row.createdDateTime, row.stateHash, row.data,
                    ]
                )
            }
            try Self.saveScope(scope, job: job, name: "mailbox:\(mailbox)", db: db)
        }
    }

    /// Forgets everything `job` mirrored (its contacts were cleared, or its definition is gone).
    public func removeMirror(job: String) throws(StateStoreError) {
        try write("remove mirror") { db in
            for table in ["mirrorScope", "mirrorObject", "mirrorContact"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE job = ?", arguments: [job])
            }
        }
    }

    private static func saveScope(_ scope: MirrorScope, job: String, name: String, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO mirrorScope (job, scope, deltaLink, fingerprint, fullReadAt, needsFullRead, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (job, scope) DO UPDATE SET deltaLink = excluded.deltaLink, fingerprint = excluded.fingerprint,
                    fullReadAt = excluded.fullReadAt, needsFullRead = excluded.needsFullRead,
                    updatedAt = excluded.updatedAt
                """,
            arguments: [
                job, name, scope.deltaLink, scope.fingerprint, scope.fullReadAt?.timeIntervalSince1970,
                scope.needsFullRead, Date().timeIntervalSince1970,
            ]
        )
    }
}
