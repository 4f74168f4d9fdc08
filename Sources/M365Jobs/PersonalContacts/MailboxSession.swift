import Foundation
import Logging
import M365Client
import M365Core
import M365Logging
import M365Primitives
import M365State

/// One mailbox's run against the mirror: how its contacts are read, and what is stored afterwards.
///
/// A quiet mailbox costs one request: its folder's delta query from the stored link. It is read in full (a listing
/// with the marker, then a delta round from scratch for a new link) when there is no usable link, when writes of an
/// earlier run left outcomes the mirror could not learn, when the job adopts O365Synchronizer contacts, when the
/// full-read interval has passed, when the delta query fails, or when a mirrored contact's values can be neither
/// read nor rebuilt. The new link and rows are stored together, after the writes, in one transaction.
struct MailboxSession: Sendable {
    let sync: MailboxSync
    let mailbox: Mailbox
    let logger: Logger
    /// The job's folder: resolved by its path, or as the mirror knows it (which saves the lookup on a quiet run).
    private(set) var folder = FolderResolver.Resolution.missing
    var mirror: MailboxMirror
    private let scope: MirrorScope?

    init(sync: MailboxSync, mailbox: Mailbox, logger: Logger) throws {
        self.sync = sync
        self.mailbox = mailbox
        self.logger = logger
        let store = sync.stateStore
        self.scope = try store?.mirrorScope(job: sync.job.name, scope: "mailbox:\(mailbox.id)")
        let rows = try store?.mirroredContacts(job: sync.job.name, mailbox: mailbox.id) ?? []
        self.mirror = MailboxMirror(job: sync.job.name, rows: rows, sharing: sync.index)
    }

    /// The folder's id: the resolved folder's, or for the default folder the one its contacts showed.
    var folderId: String? {
        switch folder {
        case .folder(let id): id
        case .defaultFolder: scope?.fingerprint ?? mirror.folderIdSeen
        case .missing: nil
        }
    }

    /// Reads the mailbox's contacts: through delta when the mirror allows, else in full.
    mutating func read() async throws -> TargetRead {
        var link = usableLink()
        let known = link != nil && !fullReadDue ? scope?.fingerprint : nil
        if let known, sync.target.folder != nil {
            folder = .folder(id: known)
        } else {
            folder = try await sync.resolveFolder(mailbox, logger: logger)
        }
        // A link is for one folder: another one found by the path (the old one was renamed) is read in full.
        if case .folder(let id) = folder, scope?.fingerprint != id { link = nil }
        guard folder != .missing else { return TargetRead(desired: sync.desired) }
        var driftCheck = false
        if let link, let folderId {
            do {
                let end = try await readChanges(folderId: folderId, since: link)
                if fullReadDue {
                    driftCheck = true
                } else if let input = mirror.plannerInput(sync.index, order: sync.desired) {
                    return TargetRead(input: input, deltaLink: end.deltaLink)
                } else {
                    logger.info("A mirrored contact's values are unknown; reading the mailbox in full")
                }
            } catch {
                logger.warning(
                    "Cannot read the mailbox's changes; reading it in full",
                    metadata: ["error": .string("\(error)")]
                )
                // The folder the mirror knew may be gone: find it by its path again.
                if known != nil { folder = try await sync.resolveFolder(mailbox, logger: logger) }
            }
        }
        return try await readInFull(driftCheck: driftCheck)
    }

    /// Takes in the folder's delta round from `link` (nil: a full round), a page at a time, then reads with the
    /// marker the reported contacts the mirror does not know. With `settle`, each reported contact becomes its
    /// row's stored state as it arrives.
    mutating func readChanges(
        folderId: String,
        since link: String?,
        settle: ((MirrorContact, [String: JSONValue]) -> MirrorContact)? = nil
    ) async throws -> DeltaEnd {
        var round = DeltaRound()
        let end = try await sync.graph.contactsDelta(
            mailbox: mailbox.id,
            folderId: folderId,
            select: ContactField.contactSelect,
            deltaLink: link
        ) { page in
            mirror.absorb(page: page, round: &round, settle: settle)
        }
        try await checkMarkers(mirror.finish(round, fullRound: end.isFullRead))
        return end
    }

    /// Reads, with the marker, the contacts a delta round reported that the mirror does not know: a copy of one of
    /// this job's contacts is this job's to keep or remove, like a full read would find it. One request each; a
    /// contact gone since is skipped.
    mutating func checkMarkers(_ ids: [String]) async throws {
        for id in ids {
            do {
                let contact = try await sync.graph.getContact(
                    mailbox: mailbox.id,
                    contactId: id,
                    select: ContactField.contactSelect,
                    extendedPropertyId: PersonalContactMarker.propertyId
                )
                mirror.absorb(checked: contact)
            } catch let error as M365Error where error.kind == .notFound {
                continue
            }
        }
    }

    /// Records, before writes that create contacts, that the mailbox must be read in full should the run stop
    /// before the mirror learns their ids.
    func prepareForWrites(_ plan: PersonalContactsPlan) {
        guard !plan.adds.isEmpty, let store = sync.stateStore, !sync.options.dryRun else { return }
        do {
            try store.markNeedsFullRead(job: sync.job.name, scope: "mailbox:\(mailbox.id)")
        } catch {
            logger.warning("Cannot record the writes ahead", metadata: ["error": .string("\(error)")])
        }
    }

    /// The contact of a mirrored row as `ExistingContact` (for the photo step).
    func existingContact(_ row: MirrorContact) -> ExistingContact? {
        mirror.existingContact(row)
    }

    var storedFullReadAt: Date? { scope?.fullReadAt }

    private var fullReadDue: Bool {
        guard let fullReadAt = scope?.fullReadAt else { return true }
        return sync.now.timeIntervalSince(fullReadAt) >= sync.job.fullSyncInterval.timeInterval
    }

    /// The stored link, when it may be used: no earlier writes left unknown outcomes, and the job does not adopt
    /// contacts (adoption looks at contacts the mirror does not keep).
    private func usableLink() -> String? {
        guard sync.stateStore != nil, let scope, let link = scope.deltaLink, !scope.needsFullRead,
            sync.target.adoptO365Synchronizer == nil
        else { return nil }
        return link
    }
}

/// What the planner reads for one mailbox, and how it was read.
struct TargetRead: Sendable {
    var existing: [[String: JSONValue]] = []
    var desired: [DesiredContact]
    var unlisted = 0
    /// The delta link the read ended with (incremental reads).
    var deltaLink: String?
    /// Read in full (a listing with the marker).
    var full: Bool

    /// Nothing to read (the folder is missing): every desired contact is an add.
    init(desired: [DesiredContact]) {
        self.desired = desired
        self.full = false
    }

    /// The planner's input from the mirror: after a delta round (with its link) or a full listing (`full`).
    init(input: PlannerInput, deltaLink: String?, full: Bool = false) {
        self.existing = input.existing
        self.desired = input.desired
        self.unlisted = input.unlisted
        self.deltaLink = deltaLink
        self.full = full
    }
}
