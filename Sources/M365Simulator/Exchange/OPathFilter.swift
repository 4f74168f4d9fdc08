/// An OPATH `-Filter` expression: `-eq`, `-ne`, `-like`, `-notlike`, `-and`, `-or`, `-not`, parentheses.
indirect enum OPathFilter: Sendable {
    case and(OPathFilter, OPathFilter)
    case or(OPathFilter, OPathFilter)
    case not(OPathFilter)
    case compare(property: String, op: String, value: String?)

    var properties: [String] {
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.properties + b.properties
        case .not(let a): return a.properties
        case .compare(let property, _, _): return [property]
        }
    }

    /// Evaluates with `values` giving a property's values (several for multi-valued properties).
    func evaluate(_ values: (String) -> [String]) -> Bool {
        switch self {
        case .and(let a, let b): return a.evaluate(values) && b.evaluate(values)
        case .or(let a, let b): return a.evaluate(values) || b.evaluate(values)
        case .not(let a): return !a.evaluate(values)
        case .compare(let property, let op, let wanted):
            let actual = values(property).filter { !$0.isEmpty }
            guard let wanted else {
                let isNull = actual.isEmpty
                return op == "-eq" ? isNull : !isNull
            }
            let hit: Bool
            switch op {
            case "-like", "-notlike": hit = actual.contains { Self.like($0, wanted) }
            default: hit = actual.contains { $0.lowercased() == wanted.lowercased() }
            }
            return op == "-eq" || op == "-like" ? hit : !hit
        }
    }

    static func like(_ value: String, _ pattern: String) -> Bool {
        let v = Array(value.lowercased())
        let p = Array(pattern.lowercased())
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (p.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if j == p.count {
                result = i == v.count
            } else if p[j] == "*" {
                result = match(i, j + 1) || (i < v.count && match(i + 1, j))
            } else {
                result = i < v.count && (p[j] == "?" || p[j] == v[i]) && match(i + 1, j + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}

extension OPathFilter: FilterGrammar {
    static let syntax = FilterSyntax(
        and: "-and",
        or: "-or",
        not: "-not",
        quotes: ["'", "\""],
        wordEnds: ["(", ")"],
        readsNumbers: false,
        unterminatedMessage: "Missing closing quote.",
        missingCloseMessage: "Missing ')'."
    )

    static func parse(_ text: String) throws(FilterParseError) -> OPathFilter {
        try FilterParser.parse(text) { "Unexpected token at position \($0)." }
    }

    /// `Property -op value`, the value quoted, bare, or one of `$null`, `$true`, `$false`.
    static func parseOperand(_ parser: inout FilterParser<Self>) throws(FilterParseError) -> Self {
        guard parser.current != nil else { throw FilterParseError(message: "Unexpected end of filter.") }
        guard case .word(let property) = parser.advance(), !property.hasPrefix("-") else {
            throw FilterParseError(message: "Expected a property name.")
        }
        guard case .word(let op) = parser.advance(), ["-eq", "-ne", "-like", "-notlike"].contains(op.lowercased())
        else {
            throw FilterParseError(message: "Expected an operator after '\(property)'.")
        }
        let value: String?
        switch parser.advance() {
        case .quoted(let text): value = text
        case .word(let word):
            switch word.lowercased() {
            case "$null": value = nil
            case "$true": value = "True"
            case "$false": value = "False"
            default: value = word
            }
        default: throw FilterParseError(message: "Expected a value.")
        }
        return .compare(property: property, op: op.lowercased(), value: value)
    }
}
