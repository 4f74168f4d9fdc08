import Logging
import M365Client
import M365Core
import M365Logging
import M365Primitives
import M365State

/// Synchronises one mailbox: folder, read, plan, apply, report.
struct MailboxSync: Sendable {
    let job: JobDefinition
    let target: PersonalContactsTarget
    let planner: PersonalContactsPlanner
    let graph: GraphClient
    let stateStore: StateStore?
    let options: JobRunOptions
    /// The photo step, when the job copies photos.
    let photos: MailboxPhotos?

    func run(
        _ mailbox: Mailbox,
        desired: [DesiredContact],
        sourceRead: SourceReadStatus,
        skippedPeople: Int
    ) async -> TargetReport {
        var logger = options.logger
        logger[metadataKey: "target"] = .string(mailbox.name)
        do {
            let folder = try await FolderResolver(graph: graph, job: job.name, stateStore: stateStore, logger: logger)
                .resolve(path: target.folder, adopt: target.adoptFolder, mailbox: mailbox, create: !options.dryRun)
            let existing = try await readContacts(mailbox, folder: folder)
            let plan = planner.plan(
                desired: desired,
                existing: existing,
                sourceRead: sourceRead,
                allowRemovals: options.allowRemovals
            )
            // A dry run creates nothing: its planned adds stand in, so the plan lists their photos too.
            var created = options.dryRun ? Dictionary(plan.adds.map { ($0.sourceId, "") }) { first, _ in first } : [:]
            var actions = await PlanExecution.perform(plan, dryRun: options.dryRun, logger: logger) {
                let applied = await apply(plan, folder: folder, mailbox: mailbox, logger: logger)
                created = applied.created
                return applied.actions
            }
            if let photos {
                let targets = PhotoTarget.targets(
                    existing: existing.compactMap { ExistingContact(graph: $0, job: job.name) },
                    removed: Set(plan.removes.map(\.contactId)),
                    desired: desired,
                    created: created
                )
                actions += await photos.run(mailbox, targets: targets, logger: logger)
            }
            return TargetReport(
                target: mailbox.name,
                actions: actions,
                unchanged: plan.unchanged,
                skippedPeople: skippedPeople
            )
        } catch {
            return mailbox.unusable(error, logger: logger)
        }
    }

    func readContacts(
        _ mailbox: Mailbox,
        folder: FolderResolver.Resolution
    ) async throws -> [[String: JSONValue]] {
        let folderId: String?
        switch folder {
        case .missing: return []
        case .defaultFolder: folderId = nil
        case .folder(let id): folderId = id
        }
        return try await graph.listContacts(
            mailbox: mailbox.id,
            folderId: folderId,
            select: ContactField.contactSelect,
            extendedPropertyId: PersonalContactMarker.propertyId
        )
    }
}
