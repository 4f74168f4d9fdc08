import M365Primitives
import M365State

/// One source collection (`users` or `orgContacts`) as a run knows it: merged from the mirror and what the delta
/// query reported since its link, with the changes to store once the targets were brought in line.
struct SourceCollection: Sendable {
    /// `users` or `orgContacts`.
    var kind: String
    /// Every object, by id, as now known.
    var objects: [String: [String: JSONValue]]
    /// For each id that changed in this read, the object as it was before (nil: it did not exist).
    var previous: [String: [String: JSONValue]?]
    /// Objects reported without an id: the read cannot be trusted to be complete.
    var anonymousCount: Int
    /// What `commit()` stores: changed objects as JSON text (nil: removed), or all of them after a full read.
    var changes: [String: String?]
    var replaceAll: Bool
    var scope: MirrorScope

    /// The manager's id in a `manager@delta` annotation: its last entry not marked `@removed`.
    static func managerId(_ entries: [JSONValue]) -> String? {
        entries.compactMap(\.objectValue).last { $0["@removed"] == nil }?["id"]?.stringValue
    }

    /// The `manager@delta` annotation folded into the `manager` object the people mapping reads: the manager's id
    /// and its display name as the collection (or `managers`) knows it.
    static func withManager(
        _ object: [String: JSONValue],
        managers: (String) -> [String: JSONValue]?
    ) -> [String: JSONValue] {
        guard let entries = object["manager@delta"]?.arrayValue else { return object }
        var result = object
        result["manager@delta"] = nil
        if let id = managerId(entries) {
            result["manager"] = ["id": .string(id), "displayName": managers(id)?["displayName"] ?? .null]
        } else {
            result["manager"] = nil
        }
        return result
    }
}
