extension FilterExpression {
    /// Parses an OData `$filter` value.
    static func parse(_ text: String) throws(FilterParseError) -> FilterExpression {
        var parser = FilterParser(tokens: try FilterParser.tokenize(text))
        let expression = try parser.parseOr()
        guard parser.position == parser.tokens.count else {
            throw FilterParseError(message: "Syntax error at position \(parser.position) in '\(text)'.")
        }
        return expression
    }
}

private enum FilterToken: Equatable {
    case identifier(String)
    case string(String)
    case number(Double)
    case open, close, comma, colon
}

private struct FilterParser {
    let tokens: [FilterToken]
    var position = 0

    static func tokenize(_ text: String) throws(FilterParseError) -> [FilterToken] {
        var tokens: [FilterToken] = []
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c.isWhitespace {
                index += 1
            } else if c == "(" {
                tokens.append(.open)
                index += 1
            } else if c == ")" {
                tokens.append(.close)
                index += 1
            } else if c == "," {
                tokens.append(.comma)
                index += 1
            } else if c == ":" {
                tokens.append(.colon)
                index += 1
            } else if c == "'" {
                let value = try FilterParseError.scanQuoted(
                    chars,
                    at: &index,
                    unterminated: "Unterminated string literal."
                )
                tokens.append(.string(value))
            } else if c.isNumber || (c == "-" && index + 1 < chars.count && chars[index + 1].isNumber) {
                var value = String(c)
                index += 1
                while index < chars.count, chars[index].isNumber || chars[index] == "." {
                    value.append(chars[index])
                    index += 1
                }
                tokens.append(.number(Double(value) ?? 0))
            } else {
                var value = ""
                while index < chars.count, !chars[index].isWhitespace, !"(),:'".contains(chars[index]) {
                    value.append(chars[index])
                    index += 1
                }
                tokens.append(.identifier(value))
            }
        }
        return tokens
    }

    var current: FilterToken? { position < tokens.count ? tokens[position] : nil }

    func isKeyword(_ word: String) -> Bool {
        if case .identifier(let value) = current { return value.lowercased() == word }
        return false
    }

    mutating func expect(_ token: FilterToken) throws(FilterParseError) {
        guard current == token else { throw FilterParseError(message: "Syntax error: expected \(token).") }
        position += 1
    }

    mutating func parseOr() throws(FilterParseError) -> FilterExpression {
        var left = try parseAnd()
        while isKeyword("or") {
            position += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(FilterParseError) -> FilterExpression {
        var left = try parseUnary()
        while isKeyword("and") {
            position += 1
            left = .and(left, try parseUnary())
        }
        return left
    }

    mutating func parseUnary() throws(FilterParseError) -> FilterExpression {
        if isKeyword("not") {
            position += 1
            return .not(try parseUnary())
        }
        if current == .open {
            position += 1
            let inner = try parseOr()
            try expect(.close)
            return inner
        }
        guard case .identifier(let name) = current else {
            throw FilterParseError(message: "Syntax error: expected a property.")
        }
        position += 1
        let lowered = name.lowercased()
        if ["startswith", "endswith", "contains"].contains(lowered), current == .open {
            return try parseFunction(name)
        }
        if lowered.hasSuffix("/any"), current == .open {
            return try parseAny(name)
        }
        return try parseComparison(name)
    }

    /// `startswith(path, literal)` and its kin, after the function's name.
    private mutating func parseFunction(_ name: String) throws(FilterParseError) -> FilterExpression {
        position += 1
        guard case .identifier(let path) = current else {
            throw FilterParseError(message: "Syntax error in \(name).")
        }
        position += 1
        try expect(.comma)
        let literal = try parseLiteral()
        try expect(.close)
        return .function(name: name.lowercased(), path: path, literal: literal)
    }

    /// `path/any(v: body)`, after `path/any`.
    private mutating func parseAny(_ name: String) throws(FilterParseError) -> FilterExpression {
        position += 1
        guard case .identifier(let variable) = current else {
            throw FilterParseError(message: "Syntax error in any().")
        }
        position += 1
        try expect(.colon)
        let body = try parseOr()
        try expect(.close)
        return .any(path: String(name.dropLast(4)), variable: variable, body: body)
    }

    /// `path op literal` or `path in (literal, …)`, after the path.
    private mutating func parseComparison(_ name: String) throws(FilterParseError) -> FilterExpression {
        guard case .identifier(let op) = current else {
            throw FilterParseError(message: "Syntax error: expected an operator after '\(name)'.")
        }
        let lowerOp = op.lowercased()
        position += 1
        if lowerOp == "in" {
            try expect(.open)
            var values: [FilterLiteral] = []
            while true {
                values.append(try parseLiteral())
                if current == .comma {
                    position += 1
                    continue
                }
                try expect(.close)
                break
            }
            return .inList(path: name, values: values)
        }
        guard ["eq", "ne", "gt", "ge", "lt", "le"].contains(lowerOp) else {
            throw FilterParseError(message: "Syntax error: unknown operator '\(op)'.")
        }
        return .compare(path: name, op: lowerOp, literal: try parseLiteral())
    }

    mutating func parseLiteral() throws(FilterParseError) -> FilterLiteral {
        defer { position += 1 }
        switch current {
        case .string(let value): return .string(value)
        case .number(let value): return .number(value)
        case .identifier(let value):
            switch value.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: throw FilterParseError(message: "Syntax error: '\(value)' is not a literal.")
            }
        default: throw FilterParseError(message: "Syntax error: expected a literal.")
        }
    }
}
