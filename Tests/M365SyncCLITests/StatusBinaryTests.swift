import Foundation
import M365Primitives
import M365TestSupport
import Testing

/// Runs `m365sync status` as a child process.
@Suite struct StatusBinaryTests {
    @Test func listsEveryJobAsNeverRunOnAFreshInstallAndCreatesNoState() async throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["status", "--config", directory.path],
            environment: [:]
        )
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("JOB") == true)
        #expect(lines.dropFirst().first?.hasPrefix("sales  personalContacts  never") == true)
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("state").path))
    }

    @Test func printsJSON() async throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["status", "--json", "--config", directory.path],
            environment: [:]
        )
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let document = try JSONValue(decoding: Data(result.standardOutput.utf8))
        let jobs = try #require(document["jobs"]?.arrayValue)
        #expect(jobs.map { $0["job"]?.stringValue } == ["sales"])
        #expect(jobs.first?["state"] == "never")
        #expect(document["stateDirectory"]?.stringValue == directory.url.appendingPathComponent("state").path)
    }

    @Test func aBrokenConfigurationExitsSeventyEight() async throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write("jobs.d/sales.json", #"{"kind": "nonsense"}"#)
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["status", "--config", directory.path],
            environment: [:]
        )
        #expect(result.status == 78)
        #expect(result.standardError.contains("jobs.d/sales.json"))
    }
}
