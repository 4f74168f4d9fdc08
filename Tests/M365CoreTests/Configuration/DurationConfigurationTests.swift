import M365Core
import Testing

@Suite struct DurationConfigurationTests {
    @Test(arguments: [
        ("45s", 45), ("15m", 900), ("1h30m", 5_400), ("2d", 172_800), ("1d2h3m4s", 93_784), ("0s", 0), ("90m", 5_400),
    ])
    func parsesDocumentedForms(text: String, seconds: Int64) {
        #expect(Duration(configurationText: text) == .seconds(seconds))
    }

    @Test(arguments: [
        "", "90", "m", "1.5h", "30m1h", "1h1h", "1H", "1 h", "-5m", "1w", "1h30", "99999999999d", "3651d",
    ])
    func rejectsEverythingElse(text: String) {
        #expect(Duration(configurationText: text) == nil)
    }

    @Test func formatsShortestText() {
        #expect(Duration.seconds(5_400).configurationText == "1h30m")
        #expect(Duration.seconds(172_800).configurationText == "2d")
        #expect(Duration.seconds(45).configurationText == "45s")
        #expect(Duration.zero.configurationText == "0s")
        #expect(Duration.seconds(93_784).configurationText == "1d2h3m4s")
    }
}
