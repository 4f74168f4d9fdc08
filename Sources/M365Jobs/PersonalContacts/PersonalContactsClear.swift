import Logging
import M365Client
import M365Core
import M365Logging
import M365State

/// Removes a personal contacts job's own contacts (those carrying its marker) from mailboxes.
///
/// Contacts without this job's marker are never touched; there is deliberately no "remove all".
struct PersonalContactsClear: Sendable {
    let job: JobDefinition
    let spec: PersonalContactsJobSpec
    let clients: TenantClients
    let stateStore: StateStore?
    let options: JobRunOptions
    /// Only these mailboxes (UPN or id); empty: every target mailbox of the job.
    let mailboxes: [String]
    let removeFolder: Bool

    func run() async -> (targets: [TargetReport], error: String?) {
        let graph: GraphClient
        let targets: [Mailbox]
        do {
            graph = try clients.client(spec.target.tenant).graph
            let all = try await MailboxResolver(graph: graph).resolve(spec.target)
            targets =
                mailboxes.isEmpty
                ? all
                : mailboxes.map { given in
                    all.first { [$0.id.lowercased(), $0.name.lowercased()].contains(given.lowercased()) }
                        ?? Mailbox(id: given, name: given)
                }
        } catch {
            return ([], SyncJobError.targetReadFailed(error).description)
        }
        let reports = await PersonalContactsJob.forEach(targets, concurrency: spec.target.maxConcurrentMailboxes) {
            await clear($0, graph: graph)
        } progress: { done in
            options.progress?(done, targets.count)
        }
        // Cleared from every mailbox: what was known about the source photos goes too.
        if mailboxes.isEmpty, !options.dryRun,
            reports.allSatisfy({ $0.error == nil && $0.actions.allSatisfy { $0.status == .applied } })
        {
            forgetPhotos(mailbox: nil)
        }
        return (reports, nil)
    }

    private func clear(_ mailbox: Mailbox, graph: GraphClient) async -> TargetReport {
        var logger = options.logger
        logger[metadataKey: "target"] = .string(mailbox.name)
        do {
            let resolver = FolderResolver(graph: graph, job: job.name, stateStore: stateStore, logger: logger)
            let folder = try await resolver.resolve(
                path: spec.target.folder,
                adopt: true,
                mailbox: mailbox,
                create: false
            )
            let folderId: String?
            switch folder {
            case .missing: return TargetReport(target: mailbox.name, actions: [], unchanged: 0)
            case .defaultFolder: folderId = nil
            case .folder(let id): folderId = id
            }
            let contacts = try await graph.listContacts(
                mailbox: mailbox.id,
                folderId: folderId,
                select: ["id", "displayName", "emailAddresses"],
                extendedPropertyId: PersonalContactMarker.propertyId
            ).compactMap { ExistingContact(graph: $0, job: job.name) }
            let ours = contacts.filter { $0.managedSourceId != nil }
            var actions = ours.map {
                ActionReport(
                    action: .remove,
                    sourceId: $0.managedSourceId ?? "",
                    displayName: $0.displayName,
                    email: $0.email
                )
            }
            if !options.dryRun, !ours.isEmpty {
                let changes = ours.map { ContactChange(key: $0.id, operation: .delete(contactId: $0.id)) }
                let results = try await graph.applyContactChanges(mailbox: mailbox.id, changes: changes)
                let errors = Dictionary(results.map { ($0.key, $0.error) }) { first, _ in first }
                actions = zip(ours, actions).map { contact, action in
                    let outcome =
                        errors[contact.id].flatMap { $0 }.map { action.with(status: .failed, error: $0.description) }
                        ?? action.with(status: .applied)
                    AuditTrail.record(outcome, logger: logger)
                    return outcome
                }
            }
            if !options.dryRun { forgetMirror(mailbox: mailbox) }
            if !options.dryRun, actions.allSatisfy({ $0.status == .applied }) { forgetPhotos(mailbox: mailbox) }
            let othersRemain = contacts.count > ours.count
            if removeFolder, !options.dryRun, let folderId, !othersRemain, actions.allSatisfy({ $0.status == .applied })
            {
                try await removeOwnedFolder(folderId, mailbox: mailbox, graph: graph, logger: logger)
            }
            return TargetReport(target: mailbox.name, actions: actions, unchanged: 0)
        } catch {
            return mailbox.unusable(error, logger: logger)
        }
    }

    /// Makes the next run read the mailbox in full: the mirror's rows describe contacts this clear removed.
    private func forgetMirror(mailbox: Mailbox) {
        do {
            try stateStore?.markNeedsFullRead(job: job.name, scope: "mailbox:\(mailbox.id)")
        } catch {
            options.logger.warning("Cannot reset the job's mirror", metadata: ["error": .string(error.description)])
        }
    }

    /// Removes the photo records of one mailbox (nil: every record of the job, source photos included).
    private func forgetPhotos(mailbox: Mailbox?) {
        do {
            try stateStore?.removePhotos(scope: PhotoSource.scope(job: job.name), mailbox: mailbox?.id)
        } catch {
            options.logger.warning("Cannot forget the job's photos", metadata: ["error": .string(error.description)])
        }
    }

    /// Deletes the folder only if m365sync created it (recorded in the state store) and it is now empty.
    private func removeOwnedFolder(
        _ folderId: String,
        mailbox: Mailbox,
        graph: GraphClient,
        logger: Logger
    ) async throws {
        let key = FolderResolver.stateKey(job: job.name, mailbox: mailbox)
        guard (try? stateStore?.value(forKey: key, scope: FolderResolver.stateScope)) == folderId else {
            logger.info("Folder kept: m365sync did not create it", metadata: ["folder": .string(folderId)])
            return
        }
        // Deleting a folder deletes its subfolders and their contacts too: only an empty folder without any goes.
        let remaining = try await graph.listContacts(mailbox: mailbox.id, folderId: folderId, select: ["id"])
        let children = try await graph.listContactFolders(mailbox: mailbox.id, parentFolderId: folderId)
        guard remaining.isEmpty, children.isEmpty else {
            logger.info("Folder kept: it is not empty", metadata: ["folder": .string(folderId)])
            return
        }
        try await graph.deleteContactFolder(mailbox: mailbox.id, folderId: folderId)
        try? stateStore?.setValue(nil, forKey: key, scope: FolderResolver.stateScope)
        try? stateStore?.setValue(nil, forKey: key, scope: FolderResolver.intentScope)
        logger.info("Removed the job's empty folder", metadata: ["folder": .string(folderId)])
    }
}
