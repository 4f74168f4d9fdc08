import Foundation
import M365Primitives
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test func aDocumentRoundTripsWithItsTypes() throws {
        let value = try JSONValue(decoding: Data(#"{"b":1,"a":[true,null,2.5,"x\u00e9\n"],"c":{"d":-3}}"#.utf8))
        #expect(value["b"] == .number(1))
        #expect(value["b"]?.intValue == 1)
        #expect(value["a"]?[0] == .bool(true))
        #expect(value["a"]?[1]?.isNull == true)
        #expect(value["a"]?[2] == .number(2.5))
        #expect(value["a"]?[2]?.intValue == nil)
        #expect(value["a"]?[3] == .string("xé\n"))
        #expect(value[path: "c.d"]?.intValue == -3)
        #expect(try JSONValue(decoding: value.encoded()) == value)
    }

    @Test func wholeNumbersAreWrittenWithoutAFraction() throws {
        let text = String(decoding: try JSONValue.object(["n": 3, "x": .number(0.5)]).encoded(), as: UTF8.self)
        #expect(text == #"{"n":3,"x":0.5}"#)
    }

    @Test func keysAreSortedSoEqualValuesGiveEqualBytes() throws {
        let one = try JSONValue(decoding: Data(#"{"b":1,"a":2}"#.utf8)).encoded()
        let two = try JSONValue(decoding: Data(#"{"a":2,"b":1}"#.utf8)).encoded()
        #expect(one == two)
        #expect(String(decoding: one, as: UTF8.self) == #"{"a":2,"b":1}"#)
    }

    @Test func brokenDocumentsAreRefused() {
        for text in [#"{"a":}"#, "[1,2", "", "{\"a\":1} x"] {
            #expect(throws: (any Error).self, "\(text)") { try JSONValue(decoding: Data(text.utf8)) }
        }
    }

    @Test func helpersBuildStringsAndOptionalStrings() {
        #expect(JSONValue.optional(nil) == .null)
        #expect(JSONValue.optional("a") == .string("a"))
        #expect(JSONValue.strings(["a", "b"]) == .array(["a", "b"]))
    }
}
