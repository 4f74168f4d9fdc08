import M365Primitives

/// Text normalisation shared by the mappers and comparers.
public enum SyncText {
    /// Trims and collapses runs of whitespace to one space; empty becomes nil.
    public static func normalize(_ text: String?) -> String? {
        guard let words = text?.split(whereSeparator: \.isWhitespace), !words.isEmpty else { return nil }
        return words.joined(separator: " ")
    }

    /// The normalised text of a JSON string, or nil for anything else.
    public static func normalize(_ value: JSONValue?) -> String? {
        normalize(value?.stringValue)
    }

    /// Normalised, non-empty strings of a JSON array of strings, in order.
    public static func normalizedList(_ value: JSONValue?) -> [String] {
        (value?.arrayValue ?? []).compactMap { normalize($0.stringValue) }
    }

    /// Lowercases ASCII letters only, like the services' case-insensitive comparisons of addresses.
    public static func folded(_ text: String) -> String {
        text.lowercased()
    }

    /// Case-insensitive equality of two optional texts after normalisation.
    public static func equalIgnoringCase(_ lhs: String?, _ rhs: String?) -> Bool {
        normalize(lhs).map(folded) == normalize(rhs).map(folded)
    }
}
