/// Typed reads of known keys. A bad value is reported and replaced by the fallback so decoding goes on.
extension ObjectReader {
    /// A string, or nil when absent. `check` returns a message when the value is not acceptable.
    func string(_ key: String, check: ((String) -> String?)? = nil) -> String? {
        guard let node = value(key) else { return nil }
        return context.string(node, at: path(key), check: check)
    }

    func string(_ key: String, default fallback: String, check: ((String) -> String?)? = nil) -> String {
        string(key, check: check) ?? fallback
    }

    /// A string that must be present; `hint` says what it is (`the tenant GUID or its verified domain`).
    func requiredString(_ key: String, hint: String, check: ((String) -> String?)? = nil) -> String {
        guard value(key) != nil else {
            reportMissing(key, hint)
            return ""
        }
        return string(key, check: check) ?? ""
    }

    func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let node = value(key) else { return fallback }
        guard case .bool(let flag) = node else {
            context.error(path(key), "expected true or false, found \(node.kindDescription)")
            return fallback
        }
        return flag
    }

    /// A whole number within `range` (`Int.max` as upper bound means no upper limit).
    func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let node = value(key) else { return fallback }
        let expected = ConfigDecodingContext.describe(range, noun: "an integer")
        guard case .number(let literal) = node else {
            context.error(path(key), "expected \(expected), found \(node.kindDescription)")
            return fallback
        }
        guard let number = ConfigDecodingContext.integer(literal), range.contains(number) else {
            context.error(path(key), "expected \(expected), found \(ConfigExcerpt.excerpt(literal))")
            return fallback
        }
        return number
    }

    /// A number (decimals allowed) within `range`.
    func number(_ key: String, default fallback: Double, in range: ClosedRange<Double>) -> Double {
        guard let node = value(key) else { return fallback }
        let expected = "a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
        guard case .number(let literal) = node else {
            context.error(path(key), "expected \(expected), found \(node.kindDescription)")
            return fallback
        }
        guard let number = Double(literal), number.isFinite, range.contains(number) else {
            context.error(path(key), "expected \(expected), found \(ConfigExcerpt.excerpt(literal))")
            return fallback
        }
        return number
    }

    /// A duration such as `45s`, `15m`, `1h30m`, `2d`, at least `minimum`.
    func duration(_ key: String, default fallback: Duration, minimum: Duration = .zero) -> Duration {
        guard let node = value(key) else { return fallback }
        let example = "a duration such as \"45s\", \"15m\", \"1h30m\" or \"2d\""
        guard case .string(let text) = node else {
            context.error(path(key), "expected \(example), found \(node.kindDescription)")
            return fallback
        }
        guard let duration = Duration(configurationText: text) else {
            let hint = text.allSatisfy(\.isNumber) && !text.isEmpty ? " (add a unit: d, h, m or s)" : ""
            context.error(
                path(key),
                "expected \(example) (whole numbers with units d, h, m, s, largest first), found \(ConfigExcerpt.quoted(text))\(hint)"
            )
            return fallback
        }
        guard duration >= minimum else {
            context.error(
                path(key),
                "must be at least \(minimum.configurationText), found \(ConfigExcerpt.quoted(text))"
            )
            return fallback
        }
        return duration
    }

    /// One of an enumeration's raw values.
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, default fallback: Value) -> Value
    where Value.RawValue == String {
        guard let node = value(key) else { return fallback }
        return context.choice(node, at: path(key), as: Value.self) ?? fallback
    }

    /// One of an enumeration's raw values; reports when absent.
    func requiredChoice<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let node = value(key) else {
            let allowed = ConfigDecodingContext.list(Value.allCases.map(\.rawValue))
            reportMissing(key, "one of \(allowed)")
            return nil
        }
        return context.choice(node, at: path(key), as: Value.self)
    }

    /// An array of strings, or nil when absent. Elements are checked one by one.
    func strings(_ key: String, nonEmpty: Bool = false, check: ((String) -> String?)? = nil) -> [String]? {
        guard let node = value(key) else { return nil }
        guard case .array(let elements) = node else {
            context.error(path(key), "expected an array of strings, found \(node.kindDescription)")
            return nil
        }
        if nonEmpty, elements.isEmpty {
            context.error(path(key), "must not be an empty array; leave the key out instead")
        }
        return elements.enumerated().compactMap { index, element in
            context.string(element, at: path(key).appending(index: index), check: check)
        }
    }

    /// The elements of an array with their paths, or nil when absent.
    func array(_ key: String) -> [(path: ConfigPath, node: ConfigJSON)]? {
        guard let node = value(key) else { return nil }
        guard case .array(let elements) = node else {
            context.error(path(key), "expected an array, found \(node.kindDescription)")
            return nil
        }
        return elements.enumerated().map { (path(key).appending(index: $0.offset), $0.element) }
    }

    /// A nested object, or nil when absent (or not an object, which is reported).
    func object(_ key: String) -> ObjectReader? {
        guard let node = value(key) else { return nil }
        return ObjectReader(node, at: path(key), context: context)
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number ? String(Int(number)) : String(number)
    }
}

extension ConfigDecodingContext {
    /// A non-empty string, checked by `check`.
    func string(_ node: ConfigJSON, at path: ConfigPath, check: ((String) -> String?)? = nil) -> String? {
        guard case .string(let text) = node else {
            error(path, "expected a string, found \(node.kindDescription)")
            return nil
        }
        if text.isEmpty {
            error(path, "must not be empty")
            return nil
        }
        if let problem = check?(text) {
            error(path, problem)
            return nil
        }
        return text
    }

    func choice<Value: RawRepresentable & CaseIterable>(
        _ node: ConfigJSON,
        at path: ConfigPath,
        as type: Value.Type
    )
        -> Value? where Value.RawValue == String
    {
        let names = Value.allCases.map(\.rawValue)
        guard case .string(let text) = node else {
            error(path, "expected one of \(Self.list(names)), found \(node.kindDescription)")
            return nil
        }
        if let value = Value(rawValue: text) { return value }
        var message = "expected one of \(Self.list(names)), found \(ConfigExcerpt.quoted(text))"
        if let suggestion = KeySuggestion.nearest(to: text, among: names) {
            message += "; did you mean \(ConfigExcerpt.quoted(suggestion))?"
        }
        error(path, message)
        return nil
    }

    /// `"a", "b" or "c"`.
    static func list(_ names: [String]) -> String {
        let quoted = names.map { "\"\($0)\"" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
    }

    static func describe(_ range: ClosedRange<Int>, noun: String) -> String {
        range.upperBound == Int.max
            ? "\(noun) of at least \(range.lowerBound)" : "\(noun) from \(range.lowerBound) to \(range.upperBound)"
    }

    /// An integer literal; a decimal or exponent form is accepted when its value is whole.
    static func integer(_ literal: String) -> Int? {
        if let number = Int(literal) { return number }
        guard let number = Double(literal), number.rounded() == number, abs(number) < 9e15 else { return nil }
        return Int(number)
    }
}
