import M365Core
import M365Primitives

/// The outcome of following a delta query to its delta link.
public struct DeltaResult: Sendable {
    /// Objects added or changed (raw Graph objects), one per id, the last occurrence kept.
    public var changed: [[String: JSONValue]]
    /// Objects removed since the last delta link.
    public var removed: [DeltaRemoval]
    /// The link to store and pass next time.
    public var deltaLink: String
    /// True when this was a full read (no delta link given, or the stored one had expired):
    /// `changed` then holds every object and anything not in it is gone.
    public var isFullRead: Bool
    /// True when the stored delta link was refused as expired (410 Gone, syncStateNotFound) and a full read was done.
    public var restartedAfterExpiry: Bool
    /// Pages read.
    public var pages: Int
}

/// How a delta query whose entries were handed on page by page ended.
public struct DeltaEnd: Sendable {
    /// The link to store and pass next time.
    public var deltaLink: String
    /// True when this was a full round (no delta link given, or the stored one had expired): every object was
    /// handed on, and anything not among them is gone.
    public var isFullRead: Bool
    /// True when the stored delta link was refused as expired and a full round was read instead.
    public var restartedAfterExpiry: Bool
    /// Pages read.
    public var pages: Int
}

/// An `@removed` entry of a delta page.
public struct DeltaRemoval: Sendable, Equatable {
    public var id: String
    /// `deleted` (permanently) or `changed` (soft-deleted, restorable); nil if not given.
    public var reason: String?
}

extension DeltaRemoval {
    /// The removal an entry of a delta page announces, or nil when the entry is an object added or changed.
    public init?(entry: [String: JSONValue]) {
        guard let marker = entry["@removed"], let id = entry["id"]?.stringValue else { return nil }
        self.init(id: id, reason: marker.objectValue?["reason"]?.stringValue)
    }
}

extension DeltaResult {
    /// The folded entries of a finished delta query.
    init(folding items: [[String: JSONValue]], end: DeltaEnd) {
        let (changed, removed) = Self.fold(items)
        self.init(
            changed: changed,
            removed: removed,
            deltaLink: end.deltaLink,
            isFullRead: end.isFullRead,
            restartedAfterExpiry: end.restartedAfterExpiry,
            pages: end.pages
        )
    }

    /// Splits delta items into changes and removals, folding replays and duplicates: an object's later entries
    /// add to (and override) the properties of its earlier ones, since Graph may send only the properties that
    /// changed; an `@removed` entry wins until the object appears again.
    static func fold(
        _ items: [[String: JSONValue]]
    ) -> (changed: [[String: JSONValue]], removed: [DeltaRemoval]) {
        var latest: [(id: String, item: [String: JSONValue])] = []
        var position: [String: Int] = [:]
        var anonymous: [[String: JSONValue]] = []
        for item in items {
            guard let id = item["id"]?.stringValue else {
                anonymous.append(item)
                continue
            }
            guard let index = position[id] else {
                position[id] = latest.count
                latest.append((id, item))
                continue
            }
            let earlier = latest[index].item
            latest[index].item =
                item["@removed"] != nil || earlier["@removed"] != nil
                ? item : earlier.merging(item) { _, later in later }
        }
        var changed = anonymous
        var removed: [DeltaRemoval] = []
        for (_, item) in latest {
            if let removal = DeltaRemoval(entry: item) {
                removed.append(removal)
            } else {
                changed.append(item)
            }
        }
        return (changed, removed)
    }
}
