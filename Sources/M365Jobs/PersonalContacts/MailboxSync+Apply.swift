import Logging
import M365Client
import M365Core
import M365Logging
import M365Primitives

extension MailboxSync {
    /// The batch results read into actions: each with its outcome, the adds whose response was lost, and what
    /// went through (for the mirror).
    struct BatchOutcome {
        var actions: [ActionReport] = []
        var unknownAdds: Set<String> = []
        var applied = AppliedPlan()
    }

    /// Sends the plan's writes through `$batch` and returns every action with its outcome, and what went through
    /// as far as the responses said.
    func apply(
        _ plan: PersonalContactsPlan,
        folder: FolderResolver.Resolution,
        mailbox: Mailbox,
        logger: Logger
    ) async -> AppliedPlan {
        let folderId: String? = if case .folder(let id) = folder { id } else { nil }
        let batch = Self.changes(of: plan, folderId: folderId)
        var pending = batch.pending
        var applied: [ActionReport] = []
        var result = AppliedPlan()
        do {
            let results = try await graph.applyContactChanges(mailbox: mailbox.id, changes: batch.changes)
            let outcome = Self.read(results, pending: &pending)
            result = outcome.applied
            result.lostCreates = !outcome.unknownAdds.isEmpty
            let createdAfterAll = await createdDespiteLostResponses(
                outcome.unknownAdds,
                mailbox: mailbox,
                folder: folder,
                logger: logger
            )
            for var action in outcome.actions {
                if action.action == .add, createdAfterAll.contains(action.sourceId) {
                    action = action.with(status: .applied)
                }
                AuditTrail.record(action, logger: logger)
                applied.append(action)
            }
        } catch {
            for (_, action) in pending.sorted(by: { $0.key < $1.key }) {
                let action = action.with(status: .failed, error: "\(error)")
                AuditTrail.record(action, logger: logger)
                applied.append(action)
            }
            pending = [:]
        }
        // Anything without a result was not attempted (cancelled run): report it as skipped.
        applied += pending.values.sorted { $0.sourceId < $1.sourceId }.map {
            $0.with(status: .skipped, error: "not attempted")
        }
        let blocked = plan.blockedRemoves.map { $0.report(status: .blocked, error: plan.refusal?.description) }
        result.actions = applied + plan.skipped + blocked
        return result
    }

    /// The plan's removes, updates and adds as batch changes, with the planned action of each by change key.
    static func changes(
        of plan: PersonalContactsPlan,
        folderId: String?
    ) -> (pending: [String: ActionReport], changes: [ContactChange]) {
        var pending: [String: ActionReport] = [:]
        var changes: [ContactChange] = []
        for removal in plan.removes {
            let key = "remove:\(removal.contactId)"
            pending[key] = removal.report()
            changes.append(ContactChange(key: key, operation: .delete(contactId: removal.contactId)))
        }
        for update in plan.updates {
            let key = "update:\(update.contactId)"
            pending[key] = update.report()
            changes.append(
                ContactChange(key: key, operation: .update(contactId: update.contactId, properties: update.body))
            )
        }
        for add in plan.adds {
            let key = "add:\(add.sourceId)"
            pending[key] = add.report()
            changes.append(ContactChange(key: key, operation: .create(folderId: folderId, properties: add.body)))
        }
        return (pending, changes)
    }

    /// Matches each result to its pending action (removed from `pending`) and gives it its outcome.
    static func read(_ results: [ContactChangeResult], pending: inout [String: ActionReport]) -> BatchOutcome {
        var outcome = BatchOutcome()
        for result in results {
            guard var action = pending.removeValue(forKey: result.key) else { continue }
            action =
                switch result.error {
                case nil: action.with(status: .applied)
                // Already gone (a person deleted it, or a retried DELETE had gone through): the wanted state holds.
                case let error? where error.kind == .notFound && action.action == .remove:
                    action.with(status: .applied)
                case let error?: action.with(status: .failed, error: error.description)
                }
            if result.error?.kind == .outcomeUnknown, action.action == .add {
                outcome.unknownAdds.insert(action.sourceId)
            }
            if action.status == .applied {
                outcome.applied.record(key: result.key, sourceId: action.sourceId, result: result.result)
            }
            outcome.actions.append(action)
        }
        return outcome
    }

    /// The adds among `sourceIds` (their `$batch` response was lost) whose contact exists after all: one more
    /// listing of the folder, so the report and the audit trail say what really happened. On a failed listing
    /// they stay failed; the next run's plan sees the truth either way.
    func createdDespiteLostResponses(
        _ sourceIds: Set<String>,
        mailbox: Mailbox,
        folder: FolderResolver.Resolution,
        logger: Logger
    ) async -> Set<String> {
        guard !sourceIds.isEmpty, let contacts = try? await readContacts(mailbox, folder: folder) else { return [] }
        let present = Set(contacts.compactMap { ExistingContact(graph: $0, job: job.name)?.managedSourceId })
        let created = sourceIds.intersection(present)
        logger.info(
            "Checked the adds whose response was lost",
            metadata: ["lost": .stringConvertible(sourceIds.count), "created": .stringConvertible(created.count)]
        )
        return created
    }
}
