/// A token of a `$filter` or `-Filter` expression.
enum FilterToken: Equatable {
    case word(String)
    case quoted(String)
    case number(Double)
    case open, close, comma, colon
}

/// How one filter language spells its tokens and Boolean connectives: OData `$filter` or OPATH `-Filter`.
struct FilterSyntax: Sendable {
    /// The connectives, lowercased.
    var and: String
    var or: String
    var not: String
    /// Characters that open and close a quoted literal; a doubled quote inside stands for one.
    var quotes: Set<Character>
    /// Characters that end a bare word; `(`, `)`, `,` and `:` among them are tokens of their own.
    var wordEnds: Set<Character>
    /// Whether a digit, or `-` before a digit, starts a number.
    var readsNumbers: Bool
    var unterminatedMessage: String
    var missingCloseMessage: String

    private static let punctuation: [Character: FilterToken] = ["(": .open, ")": .close, ",": .comma, ":": .colon]

    func tokenize(_ text: String) throws(FilterParseError) -> [FilterToken] {
        var tokens: [FilterToken] = []
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c.isWhitespace {
                index += 1
            } else if let token = Self.punctuation[c], wordEnds.contains(c) {
                tokens.append(token)
                index += 1
            } else if quotes.contains(c) {
                tokens.append(.quoted(try scanQuoted(chars, at: &index)))
            } else if readsNumbers, c.isNumber || (c == "-" && index + 1 < chars.count && chars[index + 1].isNumber) {
                let start = index
                index += 1
                while index < chars.count, chars[index].isNumber || chars[index] == "." { index += 1 }
                tokens.append(.number(Double(String(chars[start..<index])) ?? 0))
            } else {
                let start = index
                while index < chars.count, !chars[index].isWhitespace, !wordEnds.contains(chars[index]) { index += 1 }
                tokens.append(.word(String(chars[start..<index])))
            }
        }
        return tokens
    }

    /// Reads the literal whose opening quote is at `index`; leaves `index` after the closing quote.
    private func scanQuoted(_ chars: [Character], at index: inout Int) throws(FilterParseError) -> String {
        let quote = chars[index]
        var value = ""
        index += 1
        while index < chars.count {
            if chars[index] == quote {
                guard index + 1 < chars.count, chars[index + 1] == quote else {
                    index += 1
                    return value
                }
                index += 1
            }
            value.append(chars[index])
            index += 1
        }
        throw FilterParseError(message: unterminatedMessage)
    }
}
