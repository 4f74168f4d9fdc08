/// A Boolean filter expression `FilterParser` builds: its syntax, connectives, and the operand they join.
protocol FilterGrammar {
    static var syntax: FilterSyntax { get }
    static func and(_ lhs: Self, _ rhs: Self) -> Self
    static func or(_ lhs: Self, _ rhs: Self) -> Self
    static func not(_ operand: Self) -> Self
    /// Parses one comparison (or call) at the parser's position.
    static func parseOperand(_ parser: inout FilterParser<Self>) throws(FilterParseError) -> Self
}

/// The recursive descent both filter languages share: `or` binds loosest, then `and`, then `not` and parentheses.
struct FilterParser<Expression: FilterGrammar> {
    private let tokens: [FilterToken]
    private var position = 0

    private init(tokens: [FilterToken]) {
        self.tokens = tokens
    }

    /// Parses all of `text`; `trailing` words the error for tokens left over at a position.
    static func parse(_ text: String, trailing: (Int) -> String) throws(FilterParseError) -> Expression {
        var parser = FilterParser(tokens: try Expression.syntax.tokenize(text))
        let expression = try parser.parseOr()
        guard parser.current == nil else { throw FilterParseError(message: trailing(parser.position)) }
        return expression
    }

    var current: FilterToken? { position < tokens.count ? tokens[position] : nil }

    /// The current token, moving past it.
    mutating func advance() -> FilterToken? {
        defer { position += 1 }
        return current
    }

    mutating func expect(_ token: FilterToken, _ message: String) throws(FilterParseError) {
        guard advance() == token else { throw FilterParseError(message: message) }
    }

    /// Whether the current token is the bare word `word` (lowercased), in any case.
    private func isWord(_ word: String) -> Bool {
        guard case .word(let value) = current else { return false }
        return value.lowercased() == word
    }

    mutating func parseOr() throws(FilterParseError) -> Expression {
        var left = try parseAnd()
        while isWord(Expression.syntax.or) {
            position += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(FilterParseError) -> Expression {
        var left = try parseUnary()
        while isWord(Expression.syntax.and) {
            position += 1
            left = .and(left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(FilterParseError) -> Expression {
        if isWord(Expression.syntax.not) {
            position += 1
            return .not(try parseUnary())
        }
        guard current == .open else { return try Expression.parseOperand(&self) }
        position += 1
        let inner = try parseOr()
        try expect(.close, Expression.syntax.missingCloseMessage)
        return inner
    }
}
