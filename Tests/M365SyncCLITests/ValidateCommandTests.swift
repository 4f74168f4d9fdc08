import ArgumentParser
import Foundation
import M365Core
import M365Primitives
import M365SyncCLI
import Testing

@Suite struct ValidateCommandTests {
    private func validate(_ arguments: [String], environment: [String: String] = [:]) throws -> ValidationReport {
        let command = try M365SyncCommand.parseAsRoot(["validate"] + arguments)
        let validate = try #require(command as? ValidateCommand)
        return validate.validate(environment: environment)
    }

    @Test func validConfigurationExitsZeroWithASummary() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write(
            "jobs.d/t2t.json",
            #"{"kind": "mailContacts", "enabled": false, "schedule": {"interval": "1h"}, "source": {"tenant": "contoso"}, "target": {"tenant": "contoso", "ownership": "domain"}}"#
        )
        let report = try validate(["--config", directory.path])
        #expect(report.status == .success)
        #expect(
            report.standardOutput
                == "configuration OK: 2 jobs (sales: personalContacts every 30m; t2t: mailContacts every 1h, disabled)\n"
        )
        #expect(report.standardError.hasPrefix("jobs.d/t2t.json: .target.ownership: warning: "))
    }

    @Test func invalidConfigurationExitsSeventyEightListingEveryError() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write(
            "jobs.d/sales.json",
            #"{"kind": "personalContacts", "source": {"tenant": "contso"}, "target": {"mailboxes": [1]}}"#
        )
        let report = try validate(["--config", directory.path])
        #expect(report.status == .configuration)
        #expect(report.status.exitCode.rawValue == 78)
        #expect(report.standardOutput.isEmpty)
        #expect(
            report.standardError == """
                jobs.d/sales.json: .source.tenant: undefined tenant "contso"; did you mean "contoso"?
                jobs.d/sales.json: .target.mailboxes[0]: expected a string, found a number
                configuration invalid: 2 errors in \(directory.path)

                """
        )
    }

    @Test func jsonOutputCarriesJobsErrorsAndWarnings() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        let good = try validate(["--config", directory.path, "--json"])
        #expect(good.status == .success)
        let document = try JSONValue(decoding: Data(good.standardOutput.utf8))
        #expect(document["ok"] == true)
        #expect(document["jobs"]?[0]?["name"] == "sales")
        #expect(document["jobs"]?[0]?["interval"] == "30m")

        try directory.write("m365sync.json", "{")
        let bad = try validate(["--config", directory.path, "--json"])
        #expect(bad.status == .configuration)
        #expect(bad.standardError.isEmpty)
        let badDocument = try JSONValue(decoding: Data(bad.standardOutput.utf8))
        #expect(badDocument["ok"] == false)
        let error = badDocument["errors"]?[0]
        #expect(error?["file"] == "m365sync.json")
        #expect(error?["message"]?.stringValue?.hasPrefix("malformed JSON at line 1, column 2") == true)
    }

    @Test func configDirectoryComesFromOptionThenEnvironmentThenDefault() throws {
        let explicit = try #require(
            try M365SyncCommand.parseAsRoot(["validate", "--config", "/a"]) as? ValidateCommand
        )
        #expect(explicit.config.resolvedDirectory(environment: ["M365SYNC_CONFIG": "/b"]) == "/a")
        let implicit = try #require(try M365SyncCommand.parseAsRoot(["validate"]) as? ValidateCommand)
        #expect(implicit.config.resolvedDirectory(environment: ["M365SYNC_CONFIG": "/b"]) == "/b")
        #expect(implicit.config.resolvedDirectory(environment: [:]) == "/etc/m365sync")
        #expect(implicit.config.resolvedDirectory(environment: ["M365SYNC_CONFIG": ""]) == "/etc/m365sync")
    }

    @Test func usageErrorsExitSixtyFour() {
        #expect(throws: (any Error).self) { try M365SyncCommand.parseAsRoot(["validate", "--bogus"]) }
        do {
            _ = try M365SyncCommand.parseAsRoot(["validate", "--config"])
            Issue.record("expected a usage error")
        } catch {
            #expect(M365SyncCommand.exitCode(for: error).rawValue == ExitStatus.usage.rawValue)
        }
    }

    @Test func exitStatusesHaveTheDocumentedValues() {
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 3, 64, 75, 78])
        // The one rule (RunReport.exitCode) gives these statuses.
        #expect(ExitStatus(rawValue: RunReport.exitCode(for: [.failed, .blockedBySafety])) == .jobFailed)
        #expect(ExitStatus(rawValue: RunReport.exitCode(for: [.blockedBySafety, .succeeded])) == .blockedBySafety)
        #expect(ExitStatus(rawValue: RunReport.exitCode(for: [.succeeded])) == .success)
    }
}
