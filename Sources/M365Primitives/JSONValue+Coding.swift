import Foundation

extension JSONValue {
    /// The JSON document in `data`.
    public init(decoding data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// This value as a JSON document, keys sorted so that equal values give equal bytes.
    public func encoded(prettyPrinted: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if prettyPrinted { encoder.outputFormatting.insert(.prettyPrinted) }
        return try encoder.encode(self)
    }
}
