import Foundation
import GRDB

/// What a job keeps about one delta-tracked collection: a source collection (`source:users`) or one mailbox's
/// contact folder (`mailbox:<id>`).
public struct MirrorScope: Sendable, Equatable {
    /// The delta link to continue from; nil: the next read is a full one.
    public var deltaLink: String?
    /// What the link was made for: a mailbox's folder id, a source collection's `$select`. A different one means
    /// the link no longer fits: the next read is a full one.
    public var fingerprint: String?
    /// When the collection was last read in full.
    public var fullReadAt: Date?
    /// Set before writes whose outcome the mirror may not learn (creates): the next run reads the collection in
    /// full. Cleared with the commit that records their outcome.
    public var needsFullRead: Bool

    public init(
        deltaLink: String? = nil,
        fingerprint: String? = nil,
        fullReadAt: Date? = nil,
        needsFullRead: Bool = false
    ) {
        self.deltaLink = deltaLink
        self.fingerprint = fingerprint
        self.fullReadAt = fullReadAt
        self.needsFullRead = needsFullRead
    }
}

/// A contact a job owns in one mailbox, as the mirror knows it.
public struct MirrorContact: Sendable, Equatable {
    public var contactId: String
    public var sourceId: String
    public var createdDateTime: String?
    /// The hash of the desired contact whose values the contact holds; nil when it holds something else.
    public var stateHash: String?
    /// The contact's written fields as last read (JSON object), kept when they match no desired contact.
    public var data: String?

    public init(contactId: String, sourceId: String, createdDateTime: String?, stateHash: String?, data: String?) {
        self.contactId = contactId
        self.sourceId = sourceId
        self.createdDateTime = createdDateTime
        self.stateHash = stateHash
        self.data = data
    }
}

/// A change to one mailbox's mirrored contacts, committed with the folder's new delta link.
public struct MirrorContactChanges: Sendable, Equatable {
    public var upserts: [MirrorContact] = []
    public var deletions: [String] = []
    /// Replace every row of the mailbox (after a full read).
    public var replaceAll = false

    public init(upserts: [MirrorContact] = [], deletions: [String] = [], replaceAll: Bool = false) {
        self.upserts = upserts
        self.deletions = deletions
        self.replaceAll = replaceAll
    }

    public var isEmpty: Bool { upserts.isEmpty && deletions.isEmpty && !replaceAll }
}

extension MirrorContact: Decodable, FetchableRecord {}

/// A row of the `mirrorScope` table.
struct MirrorScopeRow: Decodable, FetchableRecord {
    var deltaLink: String?
    var fingerprint: String?
    var fullReadAt: Double?
    var needsFullRead: Bool

    var scope: MirrorScope {
        MirrorScope(
            deltaLink: deltaLink,
            fingerprint: fingerprint,
            fullReadAt: fullReadAt.map(Date.init(timeIntervalSince1970:)),
            needsFullRead: needsFullRead
        )
    }
}
