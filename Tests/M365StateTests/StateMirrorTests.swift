import Foundation
import M365State
import Testing

@Suite struct StateMirrorTests {
    let state: StateStoreFolder

    init() throws {
        state = try StateStoreFolder()
    }

    func openStore() throws -> StateStore {
        try state.openStore()
    }

    static func row(_ id: String, source: String, hash: String? = "h", data: String? = nil) -> MirrorContact {
        MirrorContact(
            contactId: id,
            sourceId: source,
            createdDateTime: "2026-01-01T00:00:00Z",
            stateHash: hash,
            data: data
        )
    }

    @Test func aMailboxsRowsAndLinkAreStoredTogetherAndSurviveAReopen() throws {
        let scope = MirrorScope(
            deltaLink: "https://graph/delta?t=1",
            fingerprint: "folder-1",
            fullReadAt: Date(timeIntervalSince1970: 1_000)
        )
        do {
            let store = try openStore()
            #expect(try store.mirrorScope(job: "pc", scope: "mailbox:m1") == nil)
            try store.commitMailboxMirror(
                job: "pc",
                mailbox: "m1",
                changes: MirrorContactChanges(upserts: [Self.row("c1", source: "s1"), Self.row("c2", source: "s2")]),
                scope: scope
            )
        }
        let store = try openStore()
        #expect(try store.mirrorScope(job: "pc", scope: "mailbox:m1") == scope)
        let rows = try store.mirroredContacts(job: "pc", mailbox: "m1").sorted { $0.contactId < $1.contactId }
        #expect(rows == [Self.row("c1", source: "s1"), Self.row("c2", source: "s2")])
        #expect(try store.mirroredContacts(job: "other", mailbox: "m1").isEmpty, "rows are the job's own")
    }

    @Test func changesUpsertAndDeleteOnlyTheRowsNamed() throws {
        let store = try openStore()
        try store.commitMailboxMirror(
            job: "pc",
            mailbox: "m1",
            changes: MirrorContactChanges(upserts: [Self.row("c1", source: "s1"), Self.row("c2", source: "s2")]),
            scope: MirrorScope(deltaLink: "a")
        )
        try store.commitMailboxMirror(
            job: "pc",
            mailbox: "m1",
            changes: MirrorContactChanges(
                upserts: [Self.row("c1", source: "s1", hash: nil, data: #"{"jobTitle":"x"}"#)],
                deletions: ["c2"]
            ),
            scope: MirrorScope(deltaLink: "b")
        )
        let rows = try store.mirroredContacts(job: "pc", mailbox: "m1")
        #expect(rows == [Self.row("c1", source: "s1", hash: nil, data: #"{"jobTitle":"x"}"#)])
        #expect(try store.mirrorScope(job: "pc", scope: "mailbox:m1")?.deltaLink == "b")
    }

    @Test func aWriteAheadMarkForcesAFullReadUntilACommitClearsIt() throws {
        let store = try openStore()
        try store.commitMailboxMirror(
            job: "pc",
            mailbox: "m1",
            changes: MirrorContactChanges(),
            scope: MirrorScope(deltaLink: "a")
        )
        try store.markNeedsFullRead(job: "pc", scope: "mailbox:m1")
        let marked = try #require(try store.mirrorScope(job: "pc", scope: "mailbox:m1"))
        #expect(marked.needsFullRead)
        #expect(marked.deltaLink == "a", "the mark keeps the link")
        try store.commitMailboxMirror(
            job: "pc",
            mailbox: "m1",
            changes: MirrorContactChanges(),
            scope: MirrorScope(deltaLink: "b")
        )
        #expect(try store.mirrorScope(job: "pc", scope: "mailbox:m1")?.needsFullRead == false)
    }

    @Test func sourceObjectsAreMergedOrReplacedWithTheirLink() throws {
        let store = try openStore()
        try store.commitMirroredObjects(
            job: "pc",
            kind: "users",
            changes: ["u1": #"{"id":"u1"}"#, "u2": #"{"id":"u2"}"#],
            replaceAll: true,
            scope: MirrorScope(deltaLink: "l1", fingerprint: "id,displayName"),
            scopeName: "source:users"
        )
        try store.commitMirroredObjects(
            job: "pc",
            kind: "users",
            changes: ["u1": nil, "u3": #"{"id":"u3"}"#],
            replaceAll: false,
            scope: MirrorScope(deltaLink: "l2", fingerprint: "id,displayName"),
            scopeName: "source:users"
        )
        #expect(try store.mirroredObjects(job: "pc", kind: "users") == ["u2": #"{"id":"u2"}"#, "u3": #"{"id":"u3"}"#])
        #expect(try store.mirrorScope(job: "pc", scope: "source:users")?.deltaLink == "l2")
        try store.commitMirroredObjects(
            job: "pc",
            kind: "users",
            changes: ["u9": #"{"id":"u9"}"#],
            replaceAll: true,
            scope: MirrorScope(deltaLink: "l3"),
            scopeName: "source:users"
        )
        #expect(
            try store.mirroredObjects(job: "pc", kind: "users") == ["u9": #"{"id":"u9"}"#],
            "a full read replaces all"
        )
    }

    @Test func mirroredObjectsThatAreNotJSONObjectsAreCountedAsDamaged() throws {
        let store = try openStore()
        try store.commitMirroredObjects(
            job: "pc",
            kind: "users",
            changes: ["u1": #"{"id":"u1"}"#, "u2": #"{"id":"#, "u3": "[1]"],
            replaceAll: true,
            scope: MirrorScope(deltaLink: "l1"),
            scopeName: "source:users"
        )
        #expect(try store.damagedMirroredObjectCount(job: "pc", kind: "users") == 2)
        #expect(try store.damagedMirroredObjectCount(job: "pc", kind: "orgContacts") == 0)
    }

    @Test func removingAJobsMirrorLeavesOtherJobsAlone() throws {
        let store = try openStore()
        for job in ["a", "b"] {
            try store.commitMailboxMirror(
                job: job,
                mailbox: "m1",
                changes: MirrorContactChanges(upserts: [Self.row("c1", source: "s1")]),
                scope: MirrorScope(deltaLink: "x")
            )
            try store.commitMirroredObjects(
                job: job,
                kind: "users",
                changes: ["u1": "{}"],
                replaceAll: true,
                scope: MirrorScope(),
                scopeName: "source:users"
            )
        }
        try store.removeMirror(job: "a")
        #expect(try store.mirroredContacts(job: "a", mailbox: "m1").isEmpty)
        #expect(try store.mirroredObjects(job: "a", kind: "users").isEmpty)
        #expect(try store.mirrorScope(job: "a", scope: "mailbox:m1") == nil)
        #expect(try store.mirroredContacts(job: "b", mailbox: "m1").count == 1)
        #expect(try store.mirrorScope(job: "b", scope: "source:users") != nil)
    }
}
