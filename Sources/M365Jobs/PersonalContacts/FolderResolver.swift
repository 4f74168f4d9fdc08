import Foundation
import Logging
import M365Client
import M365Core
import M365Logging
import M365State

/// Finds or creates a job's contact folder (`A/B` nests) in one mailbox.
///
/// A folder m365sync created is remembered in the state store, and the intent to create it is recorded before
/// the request (write-ahead): a process killed after Graph created the folder but before its id was stored
/// leaves the intent, and the next run takes the same-named folder that appeared since (empty, or holding only
/// this job's contacts) as its own. Any other same-named folder is used only when the job says `adoptFolder`, or
/// when it holds nothing but this job's own contacts (a folder whose record was lost with the state folder).
struct FolderResolver: Sendable {
    /// Where a job's contacts live in one mailbox.
    enum Resolution: Sendable, Equatable {
        /// The default Contacts folder.
        case defaultFolder
        /// An existing folder.
        case folder(id: String)
        /// The folder does not exist yet (dry run: it would be created).
        case missing
    }

    static let stateScope = "folders"
    /// Folders about to be created: the path, written before the create request and removed after its id is kept.
    static let intentScope = "folderIntents"

    let graph: GraphClient
    let job: String
    let stateStore: StateStore?
    let logger: Logger

    func resolve(path: String?, adopt: Bool, mailbox: Mailbox, create: Bool) async throws -> Resolution {
        guard let path else { return .defaultFolder }
        let names = path.split(separator: "/").map { String($0).trimmingCharacters(in: .whitespaces) }
        var parent: String?
        for (index, name) in names.enumerated() {
            let isLeaf = index == names.count - 1
            let found = try await graph.findContactFolders(
                mailbox: mailbox.id,
                displayName: name,
                parentFolderId: parent
            )
            if let first = found.first {
                parent = isLeaf ? try await leaf(among: found, adopt: adopt, path: path, mailbox: mailbox).id : first.id
                continue
            }
            guard create else { return .missing }
            if isLeaf { try recordIntent(path: path, mailbox: mailbox) }
            let created = try await graph.createContactFolder(
                mailbox: mailbox.id,
                displayName: name,
                parentFolderId: parent
            )
            logger.audit(
                .folderCreated,
                metadata: ["target": .string(mailbox.name), "folder": .string(name)]
            )
            if isLeaf { remember(created.id, mailbox: mailbox) }
            parent = created.id
        }
        return parent.map { .folder(id: $0) } ?? .defaultFolder
    }

    private func key(_ mailbox: Mailbox) -> String { Self.stateKey(job: job, mailbox: mailbox) }

    /// The state store key under which the folder a job created in a mailbox is remembered.
    static func stateKey(job: String, mailbox: Mailbox) -> String { "\(job)|\(mailbox.id.lowercased())" }

    /// Keeps the folder's id and forgets the intent that preceded its creation.
    private func remember(_ folderId: String, mailbox: Mailbox) {
        do {
            try stateStore?.setValue(folderId, forKey: key(mailbox), scope: Self.stateScope)
            try stateStore?.setValue(nil, forKey: key(mailbox), scope: Self.intentScope)
        } catch {
            logger.warning("Cannot remember the created folder", metadata: ["error": .string(error.description)])
        }
    }

    /// Records that the job is about to create its folder `path`; a create not preceded by this record is never
    /// sent (a folder the job could not recognise later would stop every run).
    private func recordIntent(path: String, mailbox: Mailbox) throws {
        do {
            try stateStore?.setValue(path, forKey: key(mailbox), scope: Self.intentScope)
        } catch {
            throw SyncJobError.stateUnavailable(error.description)
        }
    }

    /// Whether a create of `path` in `mailbox` was started and its folder never recorded.
    private func intended(path: String, mailbox: Mailbox) -> Bool {
        (try? stateStore?.value(forKey: key(mailbox), scope: Self.intentScope)) == path
    }

    /// The job's folder among same-named ones: the one it remembers creating, else one holding only its contacts,
    /// else (with `adoptFolder`) the first; otherwise the folder is someone else's.
    private func leaf(
        among found: [ContactFolder],
        adopt: Bool,
        path: String,
        mailbox: Mailbox
    ) async throws
        -> ContactFolder
    {
        let remembered = try? stateStore?.value(forKey: key(mailbox), scope: Self.stateScope)
        if let known = found.first(where: { $0.id == remembered }) { return known }
        let interrupted = intended(path: path, mailbox: mailbox)
        for folder in found where try await isOwned(folder, mailbox: mailbox, interrupted: interrupted) {
            return folder
        }
        guard adopt, let first = found.first else { throw SyncJobError.folderNotOwned(path) }
        return first
    }

    /// `interrupted`: a create of this folder was started and never recorded, so an empty one is the job's.
    private func isOwned(_ folder: ContactFolder, mailbox: Mailbox, interrupted: Bool) async throws -> Bool {
        if let known = try? stateStore?.value(forKey: key(mailbox), scope: Self.stateScope), known == folder.id {
            return true
        }
        let contacts = try await graph.listContacts(
            mailbox: mailbox.id,
            folderId: folder.id,
            select: ["id"],
            extendedPropertyId: PersonalContactMarker.propertyId
        )
        // Without an interrupted create an empty folder proves nothing: a person may have made it. Only a folder
        // holding this job's contacts and nothing else is taken as one m365sync created and then forgot (a lost
        // state directory).
        let ours = contacts.allSatisfy { ExistingContact(graph: $0, job: job)?.managedSourceId != nil }
        let owned = ours && (interrupted || !contacts.isEmpty)
        if owned {
            if interrupted {
                logger.notice("Interrupted folder creation completed", metadata: ["folder": .string(folder.id)])
            }
            remember(folder.id, mailbox: mailbox)
        }
        return owned
    }
}
