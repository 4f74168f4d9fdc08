import Foundation
import Logging
import M365Client
import M365Core
import M365Logging
import M365Primitives
import M365State

extension MailboxSession {
    /// After the writes: learns what they did (a delta round from the read's link, or from scratch after a full
    /// read, which also gives the first link), then stores the rows and the link in one transaction. Nothing is
    /// stored in a dry run; a failure here only costs the next run a longer read.
    ///
    /// The created contacts of `applied` become rows and are dropped from it: a first sync's are many.
    mutating func finish(_ read: TargetRead, plan: PersonalContactsPlan, applied: inout AppliedPlan) async {
        guard let store = sync.stateStore, !sync.options.dryRun, folder != .missing else { return }
        mirror.record(applied, plan: plan, index: sync.index)
        let wrote = !applied.updated.isEmpty || !applied.removed.isEmpty || !applied.createdContacts.isEmpty
        applied.createdContacts = [:]
        var link = read.deltaLink
        let folderId = self.folderId ?? mirror.folderIdSeen
        if let folderId, read.full || wrote {
            do {
                let (index, planner) = (sync.index, sync.planner)
                let end = try await readChanges(folderId: folderId, since: read.full ? nil : link) { row, contact in
                    MailboxMirror.settled(row, holding: contact, index: index, planner: planner)
                }
                link = end.deltaLink
            } catch {
                logger.warning(
                    "Cannot read the mailbox's changes after the writes; the next run reads it in full",
                    metadata: ["error": .string("\(error)")]
                )
                link = nil
            }
        }
        let scope = MirrorScope(
            deltaLink: link,
            fingerprint: folderId,
            fullReadAt: read.full ? sync.now : self.storedFullReadAt,
            needsFullRead: applied.lostCreates
        )
        do {
            try store.commitMailboxMirror(
                job: sync.job.name,
                mailbox: mailbox.id,
                changes: mirror.changes(sync.index, planner: sync.planner),
                scope: scope
            )
        } catch {
            logger.warning(
                "Cannot store the mailbox's mirror; the next run reads the same changes again",
                metadata: ["error": .string("\(error)")]
            )
        }
    }
}
