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

    static func parse(_ text: String) throws(FilterParseError) -> OPathFilter {
        var parser = OPathParser(tokens: try OPathParser.tokenize(text))
        let result = try parser.parseOr()
        guard parser.position == parser.tokens.count else {
            throw FilterParseError(message: "Unexpected token at position \(parser.position).")
        }
        return result
    }
}

private struct OPathParser {
    enum Token: Equatable {
        case word(String), quoted(String), open, close
    }

    let tokens: [Token]
    var position = 0

    static func tokenize(_ text: String) throws(FilterParseError) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c.isWhitespace {
                index += 1
            } else if c == "(" || c == ")" {
                tokens.append(c == "(" ? .open : .close)
                index += 1
            } else if c == "'" || c == "\"" {
                let value = try FilterParseError.scanQuoted(chars, at: &index, unterminated: "Missing closing quote.")
                tokens.append(.quoted(value))
            } else {
                var value = ""
                while index < chars.count, !chars[index].isWhitespace, chars[index] != "(", chars[index] != ")" {
                    value.append(chars[index])
                    index += 1
                }
                tokens.append(.word(value))
            }
        }
        return tokens
    }

    func isWord(_ word: String) -> Bool {
        guard position < tokens.count, case .word(let value) = tokens[position] else { return false }
        return value.lowercased() == word
    }

    mutating func parseOr() throws(FilterParseError) -> OPathFilter {
        var left = try parseAnd()
        while isWord("-or") {
            position += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(FilterParseError) -> OPathFilter {
        var left = try parseUnary()
        while isWord("-and") {
            position += 1
            left = .and(left, try parseUnary())
        }
        return left
    }

    mutating func parseUnary() throws(FilterParseError) -> OPathFilter {
        if isWord("-not") {
            position += 1
            return .not(try parseUnary())
        }
        guard position < tokens.count else { throw FilterParseError(message: "Unexpected end of filter.") }
        if tokens[position] == .open {
            position += 1
            let inner = try parseOr()
            guard position < tokens.count, tokens[position] == .close else {
                throw FilterParseError(message: "Missing ')'.")
            }
            position += 1
            return inner
        }
        guard case .word(let property) = tokens[position], !property.hasPrefix("-") else {
            throw FilterParseError(message: "Expected a property name.")
        }
        position += 1
        guard position < tokens.count, case .word(let op) = tokens[position],
            ["-eq", "-ne", "-like", "-notlike"].contains(op.lowercased())
        else {
            throw FilterParseError(message: "Expected an operator after '\(property)'.")
        }
        position += 1
        guard position < tokens.count else { throw FilterParseError(message: "Expected a value.") }
        let value: String?
        switch tokens[position] {
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
        position += 1
        return .compare(property: property, op: op.lowercased(), value: value)
    }
}
