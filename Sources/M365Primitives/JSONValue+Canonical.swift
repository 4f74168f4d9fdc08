import Foundation

extension JSONValue {
    /// JSON text with sorted keys, so that equal values encode alike (for the mirror's rows, hashes and compactly kept objects).
    public var canonicalText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses JSON text kept as `canonicalText`; nil for text that is not JSON.
    public init?(canonicalText text: String) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
        self = value
    }
}
