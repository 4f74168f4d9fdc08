/// JSON that could not be parsed, with the position of the problem.
public struct ConfigJSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem in the input.
    public var offset: Int
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based column (in characters) of the problem.
    public var column: Int
    /// What was wrong, e.g. `expected ',' or '}' after an object member`.
    public var reason: String

    /// `malformed JSON at line 3, column 14: expected ',' or '}' after an object member`.
    public var description: String {
        "malformed JSON at line \(line), column \(column): \(reason)"
    }

    /// Builds the error for a byte offset, computing line and column from the input.
    static func at(_ offset: Int, in bytes: [UInt8], _ reason: String) -> ConfigJSONSyntaxError {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let prefix = String(decoding: bytes[lineStart..<end], as: UTF8.self)
        return ConfigJSONSyntaxError(offset: end, line: line, column: prefix.count + 1, reason: reason)
    }
}
