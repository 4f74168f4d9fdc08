import M365Core
import Testing

@Suite struct ConfigJSONParserTests {
    private func parse(_ text: String) throws(ConfigJSONSyntaxError) -> ConfigJSON {
        try ConfigJSONParser.parse(Array(text.utf8))
    }

    private func syntaxError(_ text: String) -> ConfigJSONSyntaxError? {
        do {
            _ = try parse(text)
            Issue.record("expected a syntax error for \(text)")
            return nil
        } catch {
            return error
        }
    }

    @Test func keepsKeyOrderRepeatedKeysAndNumberLiterals() throws {
        let value = try parse(#"{"b": 1.50, "a": [true, null, "x"], "b": -2e3}"#)
        #expect(
            value
                == .object([
                    .init(key: "b", value: .number("1.50")),
                    .init(key: "a", value: .array([.bool(true), .null, .string("x")])),
                    .init(key: "b", value: .number("-2e3")),
                ])
        )
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\né😀"))
    }

    @Test func skipsByteOrderMark() throws {
        #expect(try ConfigJSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == .array([]))
    }

    @Test func reportsLineAndColumnOfMissingComma() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2\n  \"c\": 3\n}"
        let error = syntaxError(text)
        #expect(error?.line == 4)
        #expect(error?.column == 3)
        #expect(error?.description == "malformed JSON at line 4, column 3: expected ',' or '}' after an object member")
    }

    @Test func columnsCountCharactersNotBytes() {
        let error = syntaxError("{\"é\": x}")
        #expect(error?.line == 1)
        #expect(error?.column == 7)
    }

    @Test func explainsCommonMistakes() {
        #expect(syntaxError("{\"a\": 1,}")?.reason == "trailing comma before '}'")
        #expect(syntaxError("[1, 2,]")?.reason == "trailing comma before ']'")
        #expect(syntaxError("{\n  // note\n}")?.reason.contains("comments") == true)
        #expect(syntaxError("{'a': 1}")?.reason == "expected a key in double quotes")
        #expect(syntaxError("")?.reason == "the file is empty; expected a JSON object")
        #expect(syntaxError("{} {}")?.reason == "unexpected content after the end of the JSON value")
        #expect(syntaxError("[01]")?.reason == "numbers must not have leading zeros")
        #expect(syntaxError("{\"a\": tru}")?.column == 7)
    }

    @Test func unterminatedStringPointsAtItsStart() {
        let error = syntaxError("{\n  \"key\": \"value\n}")
        #expect(error?.line == 2)
        #expect(error?.column == 16)
        #expect(error?.reason == "control character in a string; write it as an escape such as \\n")
        #expect(syntaxError("\"abc")?.reason == "unterminated string")
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(syntaxError(deep)?.reason.contains("nesting") == true)
    }
}
