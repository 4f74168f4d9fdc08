import Foundation
import M365Core
import Testing

@Suite struct KeySuggestionTests {
    /// The message for an unknown key at the top of `m365sync.json`.
    private func message(_ key: String) -> String? {
        let json = twoTenantsGlobal.replacingOccurrences(of: "\"tenants\":", with: "\"\(key)\": 1, \"tenants\":")
        return decodeGlobal(json).issues.first { $0.path == "." + key }?.message
    }

    @Test func typosAbbreviationsAndNoMatch() {
        #expect(message("tenant") == "unknown key \"tenant\"; did you mean \"tenants\"?")
        #expect(message("Logging") == "unknown key \"Logging\"; did you mean \"logging\"?")
        #expect(
            message("maxConcurrentJbos") == "unknown key \"maxConcurrentJbos\"; did you mean \"maxConcurrentJobs\"?"
        )
        #expect(message("stateDir") == "unknown key \"stateDir\"; did you mean \"stateDirectory\"?")
        #expect(
            message("color")
                == "unknown key \"color\"; known keys: \"stateDirectory\", \"maxConcurrentJobs\", \"logging\", "
                + "\"metrics\", \"tenants\""
        )
    }
}
