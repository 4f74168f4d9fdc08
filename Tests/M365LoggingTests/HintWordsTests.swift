import M365Primitives
import Testing

@testable import M365Logging

@Suite struct HintWordsTests {
    let words = HintWords(["token", "secret", "eyj"])

    @Test(arguments: ["token", "TOKEN", "a Secret!", "x-access-ToKeN", "…eyJhbGc", "Müller token", "zzsecret"])
    func findsAWordInAnyCaseAnywhere(text: String) {
        #expect(words.occur(in: text) == true)
    }

    @Test(arguments: ["", "tok", "toke", "secre", "Zoë Müller", "to ken", "t0ken", "s\u{0301}ecret"])
    func findsNothingElse(text: String) {
        #expect(words.occur(in: text) == false)
    }

    /// The Kelvin sign and `İ` lowercase to ASCII letters, which a byte comparison cannot see: it says so.
    @Test(arguments: ["TO\u{212A}EN", "\u{0130}", "plain \u{212A}"])
    func leavesUnicodeLowercasingToTheCaller(text: String) {
        #expect(words.occur(in: text) == nil)
    }

    /// Seeded random texts of ASCII letters, punctuation, accented letters and pieces of the words: the answer is the
    /// one lowercasing and `contains` give (those texts hold no combining marks, where the two legitimately differ).
    @Test func agreesWithLowercasingOnRandomTexts() {
        var random = SeededRandom(seed: 7)
        let pieces = ["to", "ken", "TOK", "en", "sec", "RET", "ey", "J", "é", "ß", "Ö", "-", " ", "x", "€", "t", "s"]
        var found = 0
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let lowered = text.lowercased()
            let expected = ["token", "secret", "eyj"].contains { lowered.contains($0) }
            #expect(words.occur(in: text) == expected, "\(text)")
            if expected { found += 1 }
        }
        #expect(found > 200, "the texts hold the words often enough to test both answers")
    }
}
