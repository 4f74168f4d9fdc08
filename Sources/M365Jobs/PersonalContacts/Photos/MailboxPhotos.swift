import Logging
import M365Client
import M365Core
import M365Logging
import M365State

/// The photo step of one mailbox, after its field sync: uploads the photos that changed since the job last
/// uploaded them (through `$batch`), reports and journals each like a field update, and remembers what it uploaded.
struct MailboxPhotos: Sendable {
    /// The target tenant's client.
    let graph: GraphClient
    let source: PhotoSource
    /// Every selected user's photo as known in this run.
    let photos: [String: SourcePhoto]
    let stateStore: StateStore?
    let scope: String
    let dryRun: Bool

    func run(_ mailbox: Mailbox, targets: [PhotoTarget], logger: Logger) async -> [ActionReport] {
        let uploaded = ((try? stateStore?.contactPhotos(scope: scope, mailbox: mailbox.id)) ?? [:]).mapValues(\.etag)
        let plan = PhotoPlanner.plan(targets: targets, sources: photos, uploaded: uploaded)
        var reports = plan.tooLarge.map { skip($0, reason: .tooLarge, size: $0.size, logger: logger) }
        reports += plan.removedAtSource.map { skip($0, reason: .removedAtSource, size: nil, logger: logger) }
        if dryRun { return reports + plan.uploads.map { Self.report($0, status: .planned) } }
        let contents =
            plan.uploads.isEmpty ? [:] : await source.contents(for: Set(plan.uploads.map(\.target.sourceId)))
        let prepared = prepare(plan.uploads, contents: contents, logger: logger)
        let sent = await send(prepared.changes, pending: prepared.pending, mailbox: mailbox, logger: logger)
        remember(sent.done, forgetting: plan.forget, mailbox: mailbox, logger: logger)
        return reports + prepared.reports + sent.reports
    }

    /// The uploads to send (by contact id), and the report of those that cannot be sent.
    private func prepare(
        _ uploads: [PhotoAction],
        contents: [String: Result<PhotoContent?, M365Error>],
        logger: Logger
    ) -> (changes: [ContactChange], pending: [String: PhotoAction], reports: [ActionReport]) {
        var changes: [ContactChange] = []
        var pending: [String: PhotoAction] = [:]
        var reports: [ActionReport] = []
        for upload in uploads {
            let contactId = upload.target.contactId
            switch contents[upload.target.sourceId] {
            case .success(let content?)? where content.exceedsUploadLimit:
                reports.append(skip(upload, reason: .tooLarge, size: content.bytes.count, logger: logger))
            case .success(let content?)?:
                pending[contactId] = upload
                changes.append(
                    ContactChange(key: contactId, operation: .setPhoto(contactId: contactId, photo: content))
                )
            case .success(nil)?:
                continue  // Removed since its metadata was read: the next check sees it.
            case .failure(let error)?:
                reports.append(failed(upload, error: error.description, logger: logger))
            case nil:
                reports.append(failed(upload, error: "the photo was not read", logger: logger))
            }
        }
        return (changes, pending, reports)
    }

    /// Sends the uploads through `$batch`; returns each outcome and the records of the photos now on contacts.
    private func send(
        _ changes: [ContactChange],
        pending: [String: PhotoAction],
        mailbox: Mailbox,
        logger: Logger
    ) async -> (reports: [ActionReport], done: [ContactPhotoRecord]) {
        var pending = pending
        var reports: [ActionReport] = []
        var done: [ContactPhotoRecord] = []
        let results = (try? await graph.applyContactChanges(mailbox: mailbox.id, changes: changes)) ?? []
        for result in results {
            guard let upload = pending.removeValue(forKey: result.key) else { continue }
            if let error = result.error {
                reports.append(failed(upload, error: error.description, logger: logger))
                continue
            }
            let action = Self.report(upload, status: .applied)
            AuditTrail.record(action, logger: logger)
            reports.append(action)
            let target = upload.target
            done.append(ContactPhotoRecord(contactId: target.contactId, sourceId: target.sourceId, etag: upload.etag))
        }
        // Without a result (a cancelled run): not attempted.
        for upload in pending.values.sorted(by: { $0.target.contactId < $1.target.contactId }) {
            reports.append(Self.report(upload, status: .skipped, error: "not attempted"))
        }
        return (reports, done)
    }

    /// A photo upload as a report action: an update whose changed field is `photo` (old and new ETag).
    static func report(_ upload: PhotoAction, status: ActionReport.Status, error: String? = nil) -> ActionReport {
        ActionReport(
            action: .update,
            sourceId: upload.target.sourceId,
            displayName: upload.target.displayName,
            email: upload.target.email,
            changes: ["photo": ValueChange(old: upload.previousEtag ?? "", new: upload.etag)],
            status: status,
            error: error
        )
    }

    private func failed(_ upload: PhotoAction, error: String, logger: Logger) -> ActionReport {
        let action = Self.report(upload, status: .failed, error: error)
        AuditTrail.record(action, logger: logger)
        return action
    }

    private func skip(_ action: PhotoAction, reason: PhotoSkipReason, size: Int?, logger: Logger) -> ActionReport {
        if !dryRun { AuditTrail.recordPhotoSkipped(action.target, reason: reason.rawValue, size: size, logger: logger) }
        return Self.report(action, status: .skipped, error: reason.description)
    }

    private func remember(_ done: [ContactPhotoRecord], forgetting: [String], mailbox: Mailbox, logger: Logger) {
        do {
            try stateStore?.recordContactPhotos(done, removing: forgetting, scope: scope, mailbox: mailbox.id)
        } catch {
            logger.warning("Cannot remember contact photos", metadata: ["error": .string(error.description)])
        }
    }
}

/// Why a contact did not get its person's photo.
enum PhotoSkipReason: String, Sendable {
    case tooLarge, removedAtSource

    var description: String {
        switch self {
        case .tooLarge: "the photo is larger than the 4 MB Microsoft Graph accepts for a contact"
        case .removedAtSource:
            "the person's photo was removed; Microsoft Graph cannot remove a contact's photo, so the contact keeps it"
        }
    }
}
