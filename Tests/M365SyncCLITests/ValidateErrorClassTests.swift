import ArgumentParser
import Foundation
import M365SyncCLI
import Testing

/// Every class of configuration error, through `m365sync validate`: exit 78 and the exact `file: path: message` line.
@Suite struct ValidateErrorClassTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Files to write over the valid configuration: relative path, contents, mode.
        var files: [(String, String, Int)]
        /// The expected line, with `DIR` standing for the configuration directory.
        var line: String

        var testDescription: String { name }
    }

    static let job = TestConfigDirectory.salesJob
    static let global = TestConfigDirectory.contosoGlobal

    static let cases: [Case] = [
        Case(
            name: "unknown key",
            files: [
                (
                    "jobs.d/sales.json",
                    job.replacingOccurrences(of: "{\"kind\"", with: "{\"enabeld\": false, \"kind\""), 0o644
                )
            ],
            line: "jobs.d/sales.json: .enabeld: unknown key \"enabeld\"; did you mean \"enabled\"?"
        ),
        Case(
            name: "misspelt required key",
            files: [("jobs.d/sales.json", job.replacingOccurrences(of: "\"source\"", with: "\"sorce\""), 0o644)],
            line:
                "jobs.d/sales.json: .sorce: missing required key \"source\" (which directory objects to copy); found \"sorce\": did you mean \"source\"?"
        ),
        Case(
            name: "wrong type",
            files: [
                (
                    "jobs.d/sales.json",
                    job.replacingOccurrences(of: "[\"alice@contoso.com\"]", with: "[\"a\", \"b\", true]"), 0o644
                )
            ],
            line: "jobs.d/sales.json: .target.mailboxes[2]: expected a string, found a boolean"
        ),
        Case(
            name: "missing required key",
            files: [
                ("jobs.d/sales.json", job.replacingOccurrences(of: "\"kind\": \"personalContacts\", ", with: ""), 0o644)
            ],
            line:
                "jobs.d/sales.json: .kind: missing required key \"kind\" (one of \"personalContacts\" or \"mailContacts\")"
        ),
        Case(
            name: "bad duration",
            files: [
                (
                    "jobs.d/sales.json",
                    job.replacingOccurrences(
                        of: "{\"kind\"",
                        with: "{\"schedule\": {\"interval\": \"1h30\"}, \"kind\""
                    ), 0o644
                )
            ],
            line:
                "jobs.d/sales.json: .schedule.interval: expected a duration such as \"45s\", \"15m\", \"1h30m\" or \"2d\" (whole numbers with units d, h, m, s, largest first), found \"1h30\""
        ),
        Case(
            name: "out-of-range number",
            files: [
                (
                    "m365sync.json",
                    global.replacingOccurrences(
                        of: "{\"stateDirectory\"",
                        with: "{\"maxConcurrentJobs\": 65, \"stateDirectory\""
                    ), 0o644
                )
            ],
            line: "m365sync.json: .maxConcurrentJobs: expected an integer from 1 to 64, found 65"
        ),
        Case(
            name: "invalid enum value",
            files: [
                (
                    "m365sync.json",
                    global.replacingOccurrences(
                        of: "\"clientSecretFile\"",
                        with: "\"cloud\": \"gcchigh\", \"clientSecretFile\""
                    ), 0o644
                )
            ],
            line:
                "m365sync.json: .tenants.contoso.cloud: expected one of \"global\", \"usgov\", \"usgovdod\" or \"china\", found \"gcchigh\""
        ),
        Case(
            name: "undefined tenant",
            files: [("jobs.d/sales.json", job.replacingOccurrences(of: "\"contoso\"", with: "\"northwind\""), 0o644)],
            line: "jobs.d/sales.json: .source.tenant: undefined tenant \"northwind\"; m365sync.json defines \"contoso\""
        ),
        Case(
            name: "malformed JSON",
            files: [("jobs.d/sales.json", "{\n  \"kind\": \"personalContacts\"\n  \"source\": {}\n}", 0o644)],
            line: "jobs.d/sales.json: malformed JSON at line 3, column 3: expected ',' or '}' after an object member"
        ),
        Case(
            name: "inline secret",
            files: [
                (
                    "m365sync.json",
                    global.replacingOccurrences(
                        of: "\"clientSecretFile\": \"secrets/contoso.secret\"",
                        with: "\"clientSecret\": \"x\""
                    ), 0o644
                )
            ],
            line:
                "m365sync.json: .tenants.contoso.clientSecret: secrets are never written inline; put it in a file readable only by the service (chmod 600) and name that file with \"clientSecretFile\""
        ),
        Case(
            name: "secret readable by others",
            files: [("secrets/contoso.secret", "x\n", 0o604)],
            line:
                "m365sync.json: .tenants.contoso.clientSecretFile: client secret file DIR/secrets/contoso.secret is readable by every user (mode 0604); refusing to use it: run `chmod 600 DIR/secrets/contoso.secret` and `chown` it to the user m365sync runs as"
        ),
        Case(
            name: "missing secret file",
            files: [
                ("m365sync.json", global.replacingOccurrences(of: "secrets/contoso.secret", with: "gone.secret"), 0o644)
            ],
            line: "m365sync.json: .tenants.contoso.clientSecretFile: client secret file DIR/gone.secret does not exist"
        ),
        Case(
            name: "duplicate job name",
            files: [
                (
                    "jobs.d/zz.json", job.replacingOccurrences(of: "{\"kind\"", with: "{\"name\": \"sales\", \"kind\""),
                    0o644
                )
            ],
            line:
                "jobs.d/zz.json: .name: the job name \"sales\" is already used by jobs.d/sales.json; job names must be unique"
        ),
    ]

    @Test(arguments: cases)
    func errorIsListedAndExitsSeventyEight(_ errorCase: Case) throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        for (path, contents, mode) in errorCase.files {
            try directory.write(path, contents, mode: mode)
        }
        let command = try #require(
            try M365SyncCommand.parseAsRoot(["validate", "--config", directory.path]) as? ValidateCommand
        )
        let report = command.validate(environment: [:])
        #expect(report.status == .configuration)
        #expect(report.status.exitCode.rawValue == 78)
        let lines = report.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first == errorCase.line.replacingOccurrences(of: "DIR", with: directory.path))
        #expect(lines.count == 2, "exactly one error and the summary: \(lines)")
        #expect(lines.last == "configuration invalid: 1 error in \(directory.path)")
    }
}
