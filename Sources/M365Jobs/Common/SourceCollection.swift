import M365Primitives
import M365State

/// One source collection (`users` or `orgContacts`) as a run knows it: merged from the mirror and what the delta
/// query reported since its link, with the changes to store once the targets were brought in line.
///
/// Objects are kept as their canonical JSON text, about a tenth of the memory of parsed ones, and parsed one at a
/// time when people are made of them: a run holds the whole directory.
struct SourceCollection: Sendable {
    /// `users` or `orgContacts`.
    var kind: String
    /// Every object's text, by id, as now known.
    var texts: [String: String]
    /// For each id that changed in this read, the object's text as it was before (nil: it did not exist).
    var previous: [String: String?]
    /// Objects reported without an id: the read cannot be trusted to be complete.
    var anonymousCount: Int
    /// What `commit()` stores: changed objects' texts (nil: removed), or all of them after a full read.
    var changes: [String: String?]
    var replaceAll: Bool
    var scope: MirrorScope

    /// The collection as the commit needs it, without what only making people needed.
    var committing: SourceCollection {
        var copy = self
        copy.texts = [:]
        copy.previous = [:]
        return copy
    }

    /// The manager's id in a `manager@delta` annotation: its last entry not marked `@removed`.
    static func managerId(_ entries: [JSONValue]) -> String? {
        entries.compactMap(\.objectValue).last { $0["@removed"] == nil }?["id"]?.stringValue
    }

    /// The manager's id an object's `manager@delta` annotation names.
    static func managerId(of object: [String: JSONValue]) -> String? {
        object["manager@delta"]?.arrayValue.flatMap(managerId)
    }

    /// The `manager@delta` annotation folded into the `manager` object the people mapping reads: the manager's id
    /// and its display name as the collection (or `managers`) knows it.
    static func withManager(
        _ object: [String: JSONValue],
        managers: (String) -> JSONValue?
    ) -> [String: JSONValue] {
        guard let entries = object["manager@delta"]?.arrayValue else { return object }
        var result = object
        result["manager@delta"] = nil
        if let id = managerId(entries) {
            result["manager"] = ["id": .string(id), "displayName": managers(id) ?? .null]
        } else {
            result["manager"] = nil
        }
        return result
    }
}

/// A delta round of one source collection taken in page by page, folded as it comes: an object's later entries
/// add to (and override) its earlier ones, an `@removed` entry wins until the object appears again. Each object is
/// kept as text, so a full round of the directory costs its texts, not its parsed objects.
struct SourceRound: Sendable {
    /// Objects reported, by id, as folded so far.
    var texts: [String: String] = [:]
    /// Objects reported removed (and not reported again since).
    var removed: Set<String> = []
    var anonymousCount = 0

    mutating func take(_ page: [[String: JSONValue]]) {
        for entry in page {
            guard let id = entry["id"]?.stringValue else {
                anonymousCount += 1
                continue
            }
            if entry["@removed"] != nil {
                texts[id] = nil
                removed.insert(id)
            } else if removed.remove(id) != nil {
                texts[id] = JSONValue.object(entry).canonicalText
            } else {
                let earlier = texts[id].flatMap { JSONValue(canonicalText: $0)?.objectValue } ?? [:]
                texts[id] = JSONValue.object(earlier.merging(entry) { _, later in later }).canonicalText
            }
        }
    }

    /// A full round: its objects replace the mirrored ones; `previous` holds every object that differs.
    func replacing(_ stored: [String: String], kind: String) -> SourceCollection {
        var previous: [String: String?] = [:]
        for (id, text) in texts where stored[id] != text { previous[id] = .some(stored[id]) }
        for (id, text) in stored where texts[id] == nil { previous[id] = .some(text) }
        return SourceCollection(
            kind: kind,
            texts: texts,
            previous: previous,
            anonymousCount: anonymousCount,
            changes: texts.mapValues { .some($0) },
            replaceAll: true,
            scope: MirrorScope()
        )
    }

    /// An incremental round: changed objects' properties merged over the mirrored ones (Graph may send only what
    /// changed), removed ones dropped.
    func merging(into stored: [String: String], kind: String) -> SourceCollection {
        var result = SourceCollection(
            kind: kind,
            texts: stored,
            previous: [:],
            anonymousCount: anonymousCount,
            changes: [:],
            replaceAll: false,
            scope: MirrorScope()
        )
        for (id, text) in texts {
            var merged = text
            if let before = stored[id], let object = JSONValue(canonicalText: before)?.objectValue,
                let entry = JSONValue(canonicalText: text)?.objectValue
            {
                merged = JSONValue.object(object.merging(entry) { _, new in new }).canonicalText
            }
            guard merged != stored[id] else { continue }
            result.previous[id] = .some(stored[id])
            result.texts[id] = merged
            result.changes[id] = .some(merged)
        }
        for id in removed where stored[id] != nil {
            result.previous[id] = .some(stored[id])
            result.texts[id] = nil
            result.changes[id] = .some(nil)
        }
        return result
    }
}
