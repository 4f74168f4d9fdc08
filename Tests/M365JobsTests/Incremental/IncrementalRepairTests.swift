import Foundation
import InMemoryLogging
import Logging
import M365Core
import M365Logging
import M365Primitives
import M365Simulator
import M365State
import M365TestSupport
import Testing

/// The mirror's safety nets: the periodic full read that finds and repairs drift, and a folder the mirror knew
/// that is gone.
@Suite("incremental sync: repairs") struct IncrementalRepairTests {
    @Test func thePeriodicFullReadReportsDriftAndRepairsIt() async throws {
        try await PersonalContactsFixture.with(users: 20, mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            _ = try await fixture.run()
            let owner = try #require(
                try await fixture.control.users(tenantId: fixture.tenant).first { $0.userPrincipalName == mailbox }
            )
            // The mirror loses a row, keeps one of a contact that is gone and holds other values for a third (as a
            // bug or a restored backup could make it), and its full read is due.
            let store = try StateStore(
                directory: fixture.deployment.directory.appending("state"),
                logger: PersonalContactsFixture.quietLogger
            )
            let rows = try store.mirroredContacts(job: "pc", mailbox: owner.id).sorted { $0.contactId < $1.contactId }
            try #require(rows.count >= 2)
            var scope = try #require(try store.mirrorScope(job: "pc", scope: "mailbox:\(owner.id)"))
            scope.fullReadAt = Date().addingTimeInterval(-2 * 86_400)
            var altered = rows[1]
            altered.stateHash = nil
            altered.data = #"{"jobTitle":"Not what was written"}"#
            let gone = MirrorContact(
                contactId: "contact-gone",
                sourceId: "person-gone",
                createdDateTime: nil,
                stateHash: nil,
                data: #"{"displayName":"Gone"}"#
            )
            try store.commitMailboxMirror(
                job: "pc",
                mailbox: owner.id,
                changes: MirrorContactChanges(upserts: [altered, gone], deletions: [rows[0].contactId]),
                scope: scope
            )
            let logs = InMemoryLogHandler()
            let report = try await fixture.run(logger: Logger(label: "test") { _ in logs })
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.totals.add == 0, "the contact the mirror lost is found, not made again")
            let drift = logs.entries.filter {
                $0.metadata["message_id"] == .string(AuditEvent.mirrorDrift.messageID)
            }
            #expect(drift.count == 1, "\(logs.entries.map(\.message))")
            #expect(drift.first?.metadata["unexpected"] == .stringConvertible(1))
            #expect(drift.first?.metadata["missing"] == .stringConvertible(1))
            #expect(drift.first?.metadata["differing"] == .stringConvertible(1))
            #expect(try store.mirroredContacts(job: "pc", mailbox: owner.id).count == rows.count, "the mirror mended")
            try await fixture.expectFullReadAgrees()
        }
    }

    @Test func aQuietRunOfAFolderJobSkipsTheFolderLookupAndAFolderGoneIsFoundAgain() async throws {
        try await PersonalContactsFixture.with(users: 20, mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Directory""#)
            let first = try await fixture.run()
            #expect(first.totals.add > 0)
            await fixture.control.clearRequestLog()
            #expect(try await fixture.run().status == .succeeded)
            #expect(await fixture.requests("graph.mailbox.folders").isEmpty, "the mirror knows the folder")
            #expect(await fixture.requests("graph.mailbox.contacts.delta").count == 1)

            // The owner deletes the folder: its delta fails, the path is resolved again and the folder made anew.
            let folders = try await fixture.control.contactFolders(inMailbox: mailbox)
            let folder = try #require(folders.first { $0["displayName"]?.stringValue == "Directory" })
            try await fixture.control.deleteContactFolder(
                mailbox: mailbox,
                folderId: try #require(folder["id"]?.stringValue)
            )
            let repair = try await fixture.run()
            #expect(repair.status == .succeeded, "\(repair)")
            #expect(repair.totals.add == first.totals.add)
            try await fixture.expectFullReadAgrees()
        }
    }

    @Test func aRemovalTheSafetyLimitsHoldBackStaysIncrementalUntilItIsAllowed() async throws {
        try await PersonalContactsFixture.with(
            users: 20,
            mailboxes: 1,
            target: nil,
            safety: #""maxRemove": 0, "maxRemovePercent": 100"#
        ) { fixture in
            let first = try await fixture.run()
            let leaver = try #require(try first.firstTarget.actions.first?.sourceId)
            try await fixture.control.removeUser(tenantId: fixture.tenant, leaver, permanently: true)
            let blocked = try await fixture.run()
            #expect(blocked.status == .blockedBySafety, "\(blocked)")
            await fixture.control.clearRequestLog()
            let again = try await fixture.run()
            #expect(again.status == .blockedBySafety, "still held back: \(again)")
            #expect(await fixture.listings().isEmpty, "the held-back contact is rebuilt from the mirror, not re-read")
            let allowed = try await fixture.run(allowRemovals: true)
            #expect(allowed.totals.remove == 1, "\(allowed)")
            #expect(await fixture.listings().isEmpty)
            try await fixture.expectFullReadAgrees()
        }
    }
}
