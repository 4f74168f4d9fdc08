import Logging
import M365Client
import M365Core
import M365Logging
import M365Primitives

extension MailboxSync {
    /// What the batch results said: the adds whose response was lost, and what went through (for the mirror).
    struct BatchOutcome {
        var unknownAdds: Set<String> = []
        var applied = AppliedPlan()
    }

    /// How many writes are built and sent at a time: one `$batch`. A first sync's bodies and replies then take one
    /// batch's memory, not the mailbox's.
    static let writeWindow = 20

    /// Sends the plan's writes through `$batch`, a window at a time; records each action with its outcome in the
    /// audit trail and `log` as its window ends, and returns what went through as far as the responses said.
    ///
    /// Adds whose response was lost wait for one listing of the folder at the end, which tells whether they exist.
    func apply(
        _ plan: PersonalContactsPlan,
        folder: FolderResolver.Resolution,
        mailbox: Mailbox,
        logger: Logger,
        into log: inout ActionLog
    ) async -> AppliedPlan {
        let folderId: String? = if case .folder(let id) = folder { id } else { nil }
        let writes = Self.writes(of: plan)
        var outcome = BatchOutcome()
        var lost: [ActionReport] = []
        let done = { (action: ActionReport, log: inout ActionLog) in
            AuditTrail.record(action, logger: logger)
            log.append(action)
        }
        var sent = 0
        do {
            while sent < writes.count {
                let window = writes[sent..<min(sent + Self.writeWindow, writes.count)]
                var batch = Self.changes(of: window, plan: plan, folderId: folderId)
                let results = try await graph.applyContactChanges(mailbox: mailbox.id, changes: batch.changes)
                for action in Self.read(results, pending: &batch.pending, into: &outcome) {
                    if action.action == .add, outcome.unknownAdds.contains(action.sourceId) {
                        lost.append(action)
                    } else {
                        done(action, &log)
                    }
                }
                // Anything without a result was not attempted: reported as skipped.
                for action in batch.pending.values.sorted(by: { $0.sourceId < $1.sourceId }) {
                    done(action.with(status: .skipped, error: "not attempted"), &log)
                }
                sent = window.endIndex
            }
        } catch {
            // Cancelled: the window in flight and the rest are reported failed.
            for write in writes[sent...] {
                done(Self.planned(write, in: plan).with(status: .failed, error: "\(error)"), &log)
            }
        }
        var result = outcome.applied
        result.lostCreates = !outcome.unknownAdds.isEmpty
        let createdAfterAll = await createdDespiteLostResponses(
            outcome.unknownAdds,
            mailbox: mailbox,
            folder: folder,
            logger: logger
        )
        for action in lost {
            done(createdAfterAll.contains(action.sourceId) ? action.with(status: .applied) : action, &log)
        }
        log.append(contentsOf: plan.skipped)
        log.append(
            contentsOf: plan.blockedRemoves.map { $0.report(status: .blocked, error: plan.refusal?.description) }
        )
        return result
    }

    /// One write of a plan: its removes, then its updates, then its adds, by position.
    enum Write {
        case remove(Int), update(Int), add(Int)
    }

    static func writes(of plan: PersonalContactsPlan) -> [Write] {
        plan.removes.indices.map(Write.remove) + plan.updates.indices.map(Write.update)
            + plan.adds.indices.map(Write.add)
    }

    static func planned(_ write: Write, in plan: PersonalContactsPlan) -> ActionReport {
        switch write {
        case .remove(let index): plan.removes[index].report()
        case .update(let index): plan.updates[index].report()
        case .add(let index): plan.adds[index].report()
        }
    }

    /// Writes of the plan as batch changes, with the planned action of each by change key.
    static func changes(
        of writes: some Sequence<Write>,
        plan: PersonalContactsPlan,
        folderId: String?
    ) -> (pending: [String: ActionReport], changes: [ContactChange]) {
        var pending: [String: ActionReport] = [:]
        var changes: [ContactChange] = []
        for write in writes {
            let change: ContactChange
            switch write {
            case .remove(let index):
                let removal = plan.removes[index]
                change = ContactChange(
                    key: "remove:\(removal.contactId)",
                    operation: .delete(contactId: removal.contactId)
                )
            case .update(let index):
                let update = plan.updates[index]
                change = ContactChange(
                    key: "update:\(update.contactId)",
                    operation: .update(contactId: update.contactId, properties: update.body)
                )
            case .add(let index):
                let add = plan.adds[index]
                change = ContactChange(
                    key: "add:\(add.sourceId)",
                    operation: .create(folderId: folderId, properties: add.body)
                )
            }
            pending[change.key] = planned(write, in: plan)
            changes.append(change)
        }
        return (pending, changes)
    }

    /// Matches each result to its pending action (removed from `pending`) and gives it its outcome.
    static func read(
        _ results: [ContactChangeResult],
        pending: inout [String: ActionReport],
        into outcome: inout BatchOutcome
    ) -> [ActionReport] {
        var actions: [ActionReport] = []
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
            actions.append(action)
        }
        return actions
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
        guard !sourceIds.isEmpty else { return [] }
        var created = Set<String>()
        do {
            try await readContacts(mailbox, folder: folder) { page in
                for contact in page {
                    if let sourceId = ExistingContact(graph: contact, job: job.name)?.managedSourceId,
                        sourceIds.contains(sourceId)
                    {
                        created.insert(sourceId)
                    }
                }
            }
        } catch {
            return []
        }
        logger.info(
            "Checked the adds whose response was lost",
            metadata: ["lost": .stringConvertible(sourceIds.count), "created": .stringConvertible(created.count)]
        )
        return created
    }
}
