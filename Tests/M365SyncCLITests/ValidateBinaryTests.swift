import Foundation
import M365Primitives
import M365TestSupport
import Testing

/// Runs the built `m365sync` binary as a child process.
@Suite struct ValidateBinaryTests {
    @Test func exitsZeroOnAValidConfiguration() async throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["validate", "--config", directory.path],
            environment: [:]
        )
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput == "configuration OK: 1 job (sales: personalContacts every 30m)\n")
    }

    @Test func exitsSeventyEightAndListsErrorsOnStderr() async throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write("secrets/contoso.secret", "s3cr3t-value\n", mode: 0o644)
        try directory.write(
            "jobs.d/sales.json",
            #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"mailboxes": ["a", "b", 3]}}"#
        )
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["validate", "--config", directory.path],
            environment: [:]
        )
        #expect(result.status == 78)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.hasPrefix("m365sync.json: .tenants.contoso.clientSecretFile: client secret file ") == true)
        #expect(lines.first?.contains("chmod 600") == true)
        #expect(lines.dropFirst().first == "jobs.d/sales.json: .target.mailboxes[2]: expected a string, found a number")
        #expect(!result.standardError.contains("s3cr3t"))
    }

    @Test func takesTheDirectoryFromTheEnvironmentAndResolvesItAgainstTheWorkingDirectory() async throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["validate", "--json"],
            environment: ["M365SYNC_CONFIG": directory.url.lastPathComponent],
            currentDirectory: directory.url.deletingLastPathComponent()
        )
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let document = try JSONValue(decoding: Data(result.standardOutput.utf8))
        #expect(document["directory"]?.stringValue == directory.path)
    }

    @Test func usageErrorExitsSixtyFour() async throws {
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["validate", "--no-such-option"],
            environment: [:]
        )
        #expect(result.status == 64)
    }
}
