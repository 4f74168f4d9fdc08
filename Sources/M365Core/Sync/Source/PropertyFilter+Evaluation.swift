import M365Primitives

extension PropertyFilter {
    /// Whether the filter's condition holds for `object` (the include/exclude effect is applied by the caller).
    ///
    /// The property is a dotted path into the Graph object. A missing or null property has no value: `equals ""`
    /// and `notEquals X` (X non-empty) hold, every other comparison fails. On an array, a condition holds when it
    /// holds for one element, except `notEquals`, which holds when no element equals the value.
    public func matches(_ object: [String: JSONValue]) -> Bool {
        let values = Self.scalars(JSONValue.object(object)[path: property])
        switch self.operator {
        case .equals:
            if values.isEmpty { return value.isEmpty }
            return values.contains { Self.equalIgnoringCase($0, value) }
        case .notEquals:
            if values.isEmpty { return !value.isEmpty }
            return !values.contains { Self.equalIgnoringCase($0, value) }
        case .like:
            if values.isEmpty { return value.isEmpty || value.allSatisfy { $0 == "*" } }
            return values.contains { Self.like($0, pattern: value) }
        case .lessThan:
            return values.contains { Self.compare($0, value) < 0 }
        case .greaterThan:
            return values.contains { Self.compare($0, value) > 0 }
        }
    }

    /// The scalar values at a path as text: strings, numbers, booleans; arrays flattened one level.
    static func scalars(_ value: JSONValue?) -> [String] {
        switch value {
        case nil, .null?, .object?: return []
        case .string(let text)?: return [text]
        case .bool(let flag)?: return [flag ? "true" : "false"]
        case .number(let number)?: return [formatNumber(number)]
        case .array(let items)?:
            return items.flatMap { item -> [String] in
                if case .array = item { return [] }
                return scalars(item)
            }
        }
    }

    private static func formatNumber(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    private static func equalIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        lhs.lowercased() == rhs.lowercased()
    }

    /// `*` matches any run of characters (also none); everything else literally, case-insensitively.
    static func like(_ text: String, pattern: String) -> Bool {
        let text = Array(text.lowercased())
        let pattern = Array(pattern.lowercased())
        var t = 0
        var p = 0
        var star: Int? = nil
        var mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == text[t] {
                t += 1
                p += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if let starAt = star {
                p = starAt + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Numeric comparison when both sides parse as numbers, else ordinal comparison of the strings.
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        if let left = Double(SyncText.normalize(lhs) ?? ""), let right = Double(SyncText.normalize(rhs) ?? "") {
            return left < right ? -1 : (left > right ? 1 : 0)
        }
        return lhs < rhs ? -1 : (lhs > rhs ? 1 : 0)
    }
}
