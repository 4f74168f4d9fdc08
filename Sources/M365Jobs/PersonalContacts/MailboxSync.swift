import Foundation
import Logging
import M365Client
import M365Core
import M365Logging
import M365Primitives
import M365State

/// Synchronises one mailbox: folder, read (through the folder's delta query when the mirror allows), plan, apply,
/// mirror, report.
struct MailboxSync: Sendable {
    let job: JobDefinition
    let target: PersonalContactsTarget
    let planner: PersonalContactsPlanner
    let graph: GraphClient
    let stateStore: StateStore?
    let options: JobRunOptions
    /// The photo step, when the job copies photos.
    let photos: MailboxPhotos?
    /// The run's desired contacts, with the hashes the mirror compares.
    let index: DesiredIndex
    /// The desired contacts in the source's order.
    let desired: [DesiredContact]
    /// The time the run started, for the full-read schedule.
    let now: Date

    func run(_ mailbox: Mailbox, sourceRead: SourceReadStatus, skippedPeople: Int) async -> TargetReport {
        var logger = options.logger
        logger[metadataKey: "target"] = .string(mailbox.name)
        do {
            var session = try MailboxSession(sync: self, mailbox: mailbox, logger: logger)
            let read = try await session.read()
            let folder = session.folder
            let plan = planner.plan(
                desired: read.desired,
                existing: read.existing,
                unlisted: read.unlisted,
                sourceRead: sourceRead,
                allowRemovals: options.allowRemovals
            )
            let owned = session.mirror.rows
            var log = ActionLog()
            var applied = AppliedPlan()
            if let planned = PlanExecution.unwrittenActions(of: plan, dryRun: options.dryRun, logger: logger) {
                log.append(contentsOf: planned)
            } else {
                session.prepareForWrites(plan)
                applied = await apply(plan, folder: folder, mailbox: mailbox, logger: logger, into: &log)
            }
            // A dry run creates nothing: its planned adds stand in, so the plan lists their photos too.
            let created =
                options.dryRun ? Dictionary(plan.adds.map { ($0.sourceId, "") }) { a, _ in a } : applied.created
            if let photos {
                let targets = PhotoTarget.targets(
                    existing: owned.values.compactMap { session.mirror.existingContact($0) },
                    removed: Set(plan.removes.map(\.contactId)),
                    desired: desired,
                    created: created
                )
                log.append(contentsOf: await photos.run(mailbox, targets: targets, logger: logger))
            }
            await session.finish(read, plan: plan, applied: &applied)
            return TargetReport(
                target: mailbox.name,
                log: log,
                unchanged: plan.unchanged,
                skippedPeople: skippedPeople
            )
        } catch {
            return mailbox.unusable(error, logger: logger)
        }
    }

    /// Finds or creates the job's folder in `mailbox` by its path.
    func resolveFolder(_ mailbox: Mailbox, logger: Logger) async throws -> FolderResolver.Resolution {
        try await FolderResolver(graph: graph, job: job.name, stateStore: stateStore, logger: logger)
            .resolve(path: target.folder, adopt: target.adoptFolder, mailbox: mailbox, create: !options.dryRun)
    }

    /// Lists the folder's contacts with the marker, handing them to `handle` a page at a time (none when the
    /// folder is missing).
    func readContacts(
        _ mailbox: Mailbox,
        folder: FolderResolver.Resolution,
        _ handle: ([[String: JSONValue]]) throws -> Void
    ) async throws {
        let folderId: String?
        switch folder {
        case .missing: return
        case .defaultFolder: folderId = nil
        case .folder(let id): folderId = id
        }
        try await graph.listContacts(
            mailbox: mailbox.id,
            folderId: folderId,
            select: ContactField.contactSelect,
            extendedPropertyId: PersonalContactMarker.propertyId,
            handle
        )
    }
}
