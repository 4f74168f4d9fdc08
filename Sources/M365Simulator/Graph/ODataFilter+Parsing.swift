extension FilterExpression: FilterGrammar {
    static let syntax = FilterSyntax(
        and: "and",
        or: "or",
        not: "not",
        quotes: ["'"],
        wordEnds: ["(", ")", ",", ":", "'"],
        readsNumbers: true,
        unterminatedMessage: "Unterminated string literal.",
        missingCloseMessage: "Syntax error: expected close."
    )

    /// Parses an OData `$filter` value.
    static func parse(_ text: String) throws(FilterParseError) -> FilterExpression {
        try FilterParser.parse(text) { "Syntax error at position \($0) in '\(text)'." }
    }

    static func parseOperand(_ parser: inout FilterParser<Self>) throws(FilterParseError) -> Self {
        guard case .word(let name) = parser.advance() else {
            throw FilterParseError(message: "Syntax error: expected a property.")
        }
        let lowered = name.lowercased()
        if ["startswith", "endswith", "contains"].contains(lowered), parser.current == .open {
            return try parseFunction(name, &parser)
        }
        if lowered.hasSuffix("/any"), parser.current == .open {
            return try parseAny(name, &parser)
        }
        return try parseComparison(name, &parser)
    }

    /// `startswith(path, literal)` and its kin, after the function's name.
    private static func parseFunction(
        _ name: String,
        _ parser: inout FilterParser<Self>
    ) throws(FilterParseError) -> Self {
        try parser.expect(.open, "Syntax error: expected open.")
        guard case .word(let path) = parser.advance() else {
            throw FilterParseError(message: "Syntax error in \(name).")
        }
        try parser.expect(.comma, "Syntax error: expected comma.")
        let literal = try parseLiteral(&parser)
        try parser.expect(.close, "Syntax error: expected close.")
        return .function(name: name.lowercased(), path: path, literal: literal)
    }

    /// `path/any(v: body)`, after `path/any`.
    private static func parseAny(_ name: String, _ parser: inout FilterParser<Self>) throws(FilterParseError) -> Self {
        try parser.expect(.open, "Syntax error: expected open.")
        guard case .word(let variable) = parser.advance() else {
            throw FilterParseError(message: "Syntax error in any().")
        }
        try parser.expect(.colon, "Syntax error: expected colon.")
        let body = try parser.parseOr()
        try parser.expect(.close, "Syntax error: expected close.")
        return .any(path: String(name.dropLast(4)), variable: variable, body: body)
    }

    /// `path op literal` or `path in (literal, …)`, after the path.
    private static func parseComparison(
        _ name: String,
        _ parser: inout FilterParser<Self>
    ) throws(FilterParseError) -> Self {
        guard case .word(let op) = parser.advance() else {
            throw FilterParseError(message: "Syntax error: expected an operator after '\(name)'.")
        }
        let lowerOp = op.lowercased()
        if lowerOp == "in" {
            try parser.expect(.open, "Syntax error: expected open.")
            var values = [try parseLiteral(&parser)]
            while parser.current == .comma {
                _ = parser.advance()
                values.append(try parseLiteral(&parser))
            }
            try parser.expect(.close, "Syntax error: expected close.")
            return .inList(path: name, values: values)
        }
        guard ["eq", "ne", "gt", "ge", "lt", "le"].contains(lowerOp) else {
            throw FilterParseError(message: "Syntax error: unknown operator '\(op)'.")
        }
        return .compare(path: name, op: lowerOp, literal: try parseLiteral(&parser))
    }

    private static func parseLiteral(_ parser: inout FilterParser<Self>) throws(FilterParseError) -> FilterLiteral {
        switch parser.advance() {
        case .quoted(let value): return .string(value)
        case .number(let value): return .number(value)
        case .word(let value):
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
