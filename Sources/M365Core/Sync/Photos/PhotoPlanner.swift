import Foundation
import M365Primitives

/// What a run knows about one source person's photo.
public enum SourcePhoto: Sendable, Equatable {
    /// The person has no photo (Graph's 404 `ImageNotFound`; org contacts never have one).
    case noPhoto
    /// The current photo; `size` in bytes once its bytes were read in this or an earlier run.
    case photo(PhotoMetadata, size: Int?)
    /// Its metadata could not be read this run: nothing is decided for this person.
    case unknown
}

/// A contact of this job in one mailbox that should carry its person's photo.
public struct PhotoTarget: Sendable, Equatable {
    public var contactId: String
    public var sourceId: String
    public var displayName: String
    public var email: String

    public init(contactId: String, sourceId: String, displayName: String, email: String) {
        self.contactId = contactId
        self.sourceId = sourceId
        self.displayName = displayName
        self.email = email
    }
}

/// One contact and the source photo (ETag) the step acts on.
public struct PhotoAction: Sendable, Equatable {
    public var target: PhotoTarget
    public var etag: String
    /// The ETag last uploaded onto this contact, if any.
    public var previousEtag: String?
    /// Size in bytes when known.
    public var size: Int?
}

/// The photo step's plan for one mailbox.
public struct PhotoPlan: Sendable, Equatable {
    /// Contacts whose photo differs from the source's: upload (after reading the bytes).
    public var uploads: [PhotoAction] = []
    /// The source photo is known to exceed Graph's 4 MB limit: skipped with a warning.
    public var tooLarge: [PhotoAction] = []
    /// The person's photo was removed after m365sync uploaded one. Graph cannot remove a contact's photo, so
    /// the contact keeps its last photo; reported once with a warning (`etag` is the one last uploaded).
    public var removedAtSource: [PhotoAction] = []
    /// Upload records to forget: their contact is no longer this job's, or the source photo was removed.
    public var forget: [String] = []

    public var isEmpty: Bool { uploads.isEmpty && tooLarge.isEmpty && removedAtSource.isEmpty && forget.isEmpty }
}

/// Decides which contacts get a photo, from the source photos and what was last uploaded. Pure.
public enum PhotoPlanner {
    /// - Parameters:
    ///   - targets: this job's contacts in the mailbox whose person is selected (never anyone else's contact).
    ///   - sources: source photos by source id; a person missing here counts as `.unknown`.
    ///   - uploaded: the ETag last uploaded, by contact id.
    public static func plan(
        targets: [PhotoTarget],
        sources: [String: SourcePhoto],
        uploaded: [String: String]
    ) -> PhotoPlan {
        var plan = PhotoPlan()
        for target in targets.sorted(by: { ($0.sourceId, $0.contactId) < ($1.sourceId, $1.contactId) }) {
            let previous = uploaded[target.contactId]
            switch sources[target.sourceId] ?? .unknown {
            case .unknown:
                continue
            case .noPhoto:
                guard let previous else { continue }
                plan.removedAtSource.append(PhotoAction(target: target, etag: previous, previousEtag: previous))
                plan.forget.append(target.contactId)
            case .photo(let metadata, let size):
                guard previous != metadata.etag else { continue }
                let action = PhotoAction(target: target, etag: metadata.etag, previousEtag: previous, size: size)
                if let size, size > PhotoContent.maxUploadBytes {
                    plan.tooLarge.append(action)
                } else {
                    plan.uploads.append(action)
                }
            }
        }
        let kept = Set(targets.map(\.contactId))
        plan.forget += uploaded.keys.filter { !kept.contains($0) }.sorted()
        return plan
    }

    /// The people whose photo metadata must be read now: never checked, or checked `interval` or longer ago.
    public static func due(
        _ sourceIds: [String],
        checkedAt: [String: Date],
        now: Date,
        interval: Duration
    ) -> [String] {
        sourceIds.filter { id in
            guard let checked = checkedAt[id] else { return true }
            return now.timeIntervalSince(checked) >= interval.timeInterval || checked > now
        }
    }
}
