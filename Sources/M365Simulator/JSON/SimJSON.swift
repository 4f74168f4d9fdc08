/// A JSON value with ordered object members, as the simulator reads and writes it.
public enum SimJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([SimJSON])
    case object(SimJSONObject)

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is a whole number.
    public var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value: return Int(value)
        default: return nil
        }
    }

    /// The number, if this is a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The Boolean, if this is a Boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [SimJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: SimJSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// The member named `key`, if this is an object that has it.
    public subscript(key: String) -> SimJSON? {
        objectValue?[key]
    }

    /// A string or `null`.
    public static func optional(_ value: String?) -> SimJSON {
        value.map { .string($0) } ?? .null
    }

    /// An array of strings.
    public static func strings(_ values: [String]) -> SimJSON {
        .array(values.map { .string($0) })
    }
}

/// JSON object members in insertion order.
public struct SimJSONObject: Sendable, Equatable, Sequence {
    public internal(set) var members: [(key: String, value: SimJSON)]

    public init(_ members: [(key: String, value: SimJSON)] = []) {
        self.members = members
    }

    public static func == (lhs: SimJSONObject, rhs: SimJSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (key, value) in lhs.members where rhs[key] != value { return false }
        return true
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The value of `key`; setting replaces it in place or appends it; setting nil removes it.
    public subscript(key: String) -> SimJSON? {
        get { members.first(where: { $0.key == key })?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    /// Appends a member without checking for an existing one.
    public mutating func append(_ key: String, _ value: SimJSON) {
        members.append((key, value))
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: SimJSON)]> {
        members.makeIterator()
    }
}

extension SimJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: SimJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, SimJSON)...) {
        self = .object(SimJSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
}
