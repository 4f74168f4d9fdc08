/// A `$filter` (OData) or `-Filter` (OPATH) the simulator cannot parse.
struct FilterParseError: Error {
    var message: String

    /// Reads a literal quoted with `quote` starting at `index` (the opening quote), a doubled quote standing
    /// for one; leaves `index` after the closing quote.
    static func scanQuoted(
        _ chars: [Character],
        at index: inout Int,
        unterminated: String
    ) throws(FilterParseError) -> String {
        let quote = chars[index]
        var value = ""
        index += 1
        while true {
            guard index < chars.count else { throw FilterParseError(message: unterminated) }
            if chars[index] == quote {
                if index + 1 < chars.count, chars[index + 1] == quote {
                    value.append(quote)
                    index += 2
                    continue
                }
                index += 1
                return value
            }
            value.append(chars[index])
            index += 1
        }
    }
}
