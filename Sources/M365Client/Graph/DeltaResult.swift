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

/// An `@removed` entry of a delta page.
public struct DeltaRemoval: Sendable, Equatable {
    public var id: String
    /// `deleted` (permanently) or `changed` (soft-deleted, restorable); nil if not given.
    public var reason: String?
}

extension DeltaResult {
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
        for (id, item) in latest {
            if let marker = item["@removed"] {
                removed.append(DeltaRemoval(id: id, reason: marker.objectValue?["reason"]?.stringValue))
            } else {
                changed.append(item)
            }
        }
        return (changed, removed)
    }
}
