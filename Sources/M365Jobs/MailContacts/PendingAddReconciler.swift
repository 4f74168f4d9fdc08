import Logging
import M365Client
import M365Core
import M365Primitives

/// Settles the adds earlier runs left unfinished, before the target is read: a contact such an add created
/// (found by its address, unmarked, with the add's Name) gets the job's marker, so the planner then treats it
/// like any contact the job owns: kept and completed for a person still eligible, updated for one whose address
/// changed, removed (within the safety limits) for one who left.
struct PendingAddReconciler: Sendable {
    let exchange: ExchangeClient
    let job: String
    let target: MailContactsTarget
    let logger: Logger

    /// Settles every earlier unfinished add; one that cannot be read or marked now stays recorded for next run.
    /// `sourceIds` (lower-cased address → source id) attributes records written without a source id.
    func reconcile(_ pending: PendingMailContactAdds, sourceIds: [String: String]) async {
        for (email, record) in pending.earlier.sorted(by: { $0.key < $1.key }) {
            do {
                try await settle(email: email, record: record, sourceId: record.sourceId ?? sourceIds[email])
                pending.finish(email: email)
            } catch {
                logger.warning(
                    "Cannot settle an unfinished add; it is tried again next run",
                    metadata: ["email": .string(email), "error": .string("\(error)")]
                )
            }
        }
    }

    private func settle(email: String, record: PendingMailContactAdds.Record, sourceId: String?) async throws {
        // Nothing there: New-MailContact never took effect.
        guard let found = try await exchange.mailContact(holding: email, job: job, target: target) else { return }
        // Marked already (the add finished), or someone else's contact with that address: nothing to do.
        guard found.ownership == .unmarked, found.hasNameBase(of: record.name) else { return }
        // A record from before source ids were kept, for an address no eligible person has: a marker no source
        // person has, so the planner removes the contact like any other the job owns.
        let owner = sourceId ?? "unattributed-\(email)"
        _ = try await exchange.invoke(
            cmdlet: "Set-MailContact",
            parameters: [
                "Identity": .string(found.identity),
                target.markerAttribute: .string(OwnershipMarker(job: job, sourceId: owner).encoded),
            ]
        )
        logger.notice(
            "Interrupted add marked as the job's own",
            metadata: ["email": .string(email), "source_id": .string(owner)]
        )
    }
}
