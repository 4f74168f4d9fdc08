import M365Primitives

/// The hidden extended property that marks a personal contact as written by an m365sync job.
public enum PersonalContactMarker {
    /// The property id (a fixed m365sync GUID); its value is an encoded `OwnershipMarker`.
    public static let propertyId = "String {8f1d6c52-3b7e-4a90-b1e4-5c2d9a7e3f60} Name m365syncSource"

    /// `$expand` that reads the marker along with a contact listing.
    public static let expandQuery = "singleValueExtendedProperties($filter=id eq '\(propertyId)')"

    /// `$filter` that lists only the contacts of one job's source object (for a lost-response check).
    public static func filterQuery(_ marker: OwnershipMarker) -> String {
        let value = marker.encoded.replacingAll("'", with: "''")
        return "singleValueExtendedProperties/Any(ep: ep/id eq '\(propertyId)' and ep/value eq '\(value)')"
    }

    /// The `singleValueExtendedProperties` entry to send in a POST or PATCH body.
    public static func bodyValue(_ marker: OwnershipMarker) -> JSONValue {
        .array([.object(["id": .string(propertyId), "value": .string(marker.encoded)])])
    }

    /// The raw marker value on a contact read with `expandQuery`, if any (property ids compare case-insensitively).
    public static func rawValue(in contact: [String: JSONValue]) -> String? {
        let properties = contact["singleValueExtendedProperties"]?.arrayValue ?? []
        let wanted = propertyId.lowercased()
        for property in properties.compactMap(\.objectValue)
        where property["id"]?.stringValue?.lowercased() == wanted {
            return property["value"]?.stringValue
        }
        return nil
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation in the core).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
