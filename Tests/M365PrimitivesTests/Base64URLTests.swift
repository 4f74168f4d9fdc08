import M365Primitives
import Testing

@Suite struct Base64URLTests {
    @Test func encodesWithoutPaddingInTheURLAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.encode(Array("ab".utf8)) == "YWI")
        #expect(Base64URL.standard([0xFB, 0xFF]) == "+/8=")
    }

    @Test func decodesBothAlphabetsWithOrWithoutPadding() {
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
        #expect(Base64URL.decode("+/8=") == [0xFB, 0xFF])
        #expect(Base64URL.decode("YWI") == Array("ab".utf8))
        #expect(Base64URL.decode("not base64!") == nil)
    }

    @Test func roundTripsEveryLength() {
        var random = SeededRandom(seed: 3)
        for length in 0..<64 {
            let bytes = (0..<length).map { _ in UInt8(random.below(256)) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }
}
