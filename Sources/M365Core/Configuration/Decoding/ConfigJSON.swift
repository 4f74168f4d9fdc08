/// A parsed JSON value for strict configuration decoding: keeps key order, repeated keys and number literals.
public enum ConfigJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number as written, so that integers and decimals are told apart without rounding.
    case number(String)
    case string(String)
    case array([ConfigJSON])
    /// Members in file order, repeated keys included (the decoder reports them).
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: ConfigJSON

        public init(key: String, value: ConfigJSON) {
            self.key = key
            self.value = value
        }
    }

    /// How the value is named in messages: `a string`, `an array`, ….
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
