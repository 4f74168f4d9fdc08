import Logging
import M365Core
import M365Logging
import M365Primitives

extension MailboxSession {
    /// Reads the folder in full: a listing with the marker, taken in a page at a time. Owned contacts become the
    /// rows (the planner leaves out those that hold their desired contact, as in an incremental run); contacts
    /// without a marker are kept only when the job adopts O365Synchronizer's contacts, the one thing the planner
    /// looks at them for. With `driftCheck` (the periodic full read) the listing is compared with the mirror as it
    /// was, and any difference is reported.
    mutating func readInFull(driftCheck: Bool) async throws -> TargetRead {
        let (job, index, planner) = (sync.job.name, sync.index, sync.planner)
        let adopting = sync.target.adoptO365Synchronizer != nil
        var check = driftCheck ? MirrorDriftCheck(reference: mirror, index: index) : nil
        var unmarked: [[String: JSONValue]] = []
        mirror.beginListing()
        try await sync.readContacts(mailbox, folder: folder) { page in
            for contact in page {
                guard let existing = ExistingContact(graph: contact, job: job) else { continue }
                guard let sourceId = existing.managedSourceId else {
                    if adopting, existing.ownership == .unmarked { unmarked.append(contact) }
                    continue
                }
                check?.compare(contact, id: existing.id)
                mirror.absorb(listed: contact, as: existing, sourceId: sourceId, index: index, planner: planner)
            }
        }
        if let check { reportDrift(check.result) }
        // Every row comes from this listing: it holds its contact, or the hash of a desired contact it matches.
        guard var input = mirror.plannerInput(index, order: sync.desired) else {
            throw SyncJobError.internalInconsistency("a listed contact's values were not kept")
        }
        input.existing.append(contentsOf: unmarked)
        return TargetRead(input: input, deltaLink: nil, full: true)
    }

    /// Reports a difference between the periodic full read and the mirror as a `mirrorDrift` warning: the full
    /// read's plan repairs it.
    private func reportDrift(_ drift: MirrorDrift) {
        guard drift.total > 0 else { return }
        logger.audit(
            .mirrorDrift,
            metadata: [
                "missing": .stringConvertible(drift.missing),
                "unexpected": .stringConvertible(drift.unexpected),
                "differing": .stringConvertible(drift.differing),
            ]
        )
    }
}
