import Foundation
import M365Core
import M365Daemon
import M365TestSupport
import Testing

/// The shipped `config/` examples load, validate with the binary, and match the JSON Schemas.
@Suite struct ExampleConfigurationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples = repository.appendingPathComponent("config")
    static let globalSchema = examples.appendingPathComponent("schema/m365sync.schema.json").path
    static let jobSchema = examples.appendingPathComponent("schema/job.schema.json").path

    /// A copy of `config/` with the example secrets made private (git does not keep file modes).
    private func privateCopy() throws -> TestConfigDirectory {
        let directory = try TestConfigDirectory()
        try FileManager.default.removeItem(at: directory.url)
        try FileManager.default.copyItem(at: Self.examples, to: directory.url)
        let secrets = directory.url.appendingPathComponent("secrets")
        for name in try FileManager.default.contentsOfDirectory(atPath: secrets.path) {
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o600],
                ofItemAtPath: secrets.appendingPathComponent(name).path
            )
        }
        return directory
    }

    @Test func examplesLoadWithTheLoader() throws {
        let directory = try privateCopy()
        defer { directory.remove() }
        let configuration = try ConfigurationLoader.load(directory: directory.path, environment: [:])
        #expect(configuration.warnings.isEmpty)
        #expect(configuration.jobs.map(\.name) == ["personal-contacts", "tenant-to-tenant"])
        #expect(configuration.jobs.map(\.kind) == [.personalContacts, .mailContacts])
        #expect(configuration.global.tenants.keys.sorted() == ["contoso", "fabrikam"])
    }

    @Test func builtBinaryValidatesTheExamples() async throws {
        let directory = try privateCopy()
        defer { directory.remove() }
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["validate", "--config", directory.path],
            environment: [:]
        )
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(
            result.standardOutput
                == "configuration OK: 2 jobs (personal-contacts: personalContacts every 30m; tenant-to-tenant: mailContacts every 1h)\n"
        )
    }

    /// `m365sync validate --config config/` in the checkout itself. Git does not keep mode 0600, so this makes the
    /// placeholder secrets private first, as docs/configuration.md tells a person to; it only ever tightens modes.
    @Test func shippedDirectoryValidatesInPlace() async throws {
        let secrets = Self.examples.appendingPathComponent("secrets")
        for name in try FileManager.default.contentsOfDirectory(atPath: secrets.path) {
            let path = secrets.appendingPathComponent(name).path
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0o600
            try FileManager.default.setAttributes([.posixPermissions: mode & 0o700], ofItemAtPath: path)
        }
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["validate", "--config", "config/"],
            environment: [:],
            currentDirectory: Self.repository
        )
        #expect(result.status == 0, "stderr: \(result.standardError)")
    }

    @Test func examplesMatchTheSchemas() async throws {
        let global = try await SchemaValidator.errors(
            schema: Self.globalSchema,
            files: [Self.examples.appendingPathComponent("m365sync.json").path]
        )
        #expect(global.values.allSatisfy { $0.isEmpty }, "\(global)")
        #expect(global.count == 1)
        let jobFiles = try FileManager.default.contentsOfDirectory(
            atPath: Self.examples.appendingPathComponent("jobs.d").path
        )
        .filter { $0.hasSuffix(".json") }.map { Self.examples.appendingPathComponent("jobs.d/\($0)").path }
        #expect(jobFiles.count == 2)
        let jobs = try await SchemaValidator.errors(schema: Self.jobSchema, files: jobFiles)
        #expect(jobs.values.allSatisfy { $0.isEmpty }, "\(jobs)")
        #expect(jobs.count == 2)
    }

    /// Documents that break one rule each: the decoder and the job schema must both reject every one.
    static let badJobs: [String] = [
        #"{"kind": "personalContacts", "sorce": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#,
        #"{"kind": "personalContact", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#,
        #"{"kind": "personalContacts", "schedule": {"interval": "1h30"}, "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#,
        #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true, "maxConcurrentMailboxes": 501}}"#,
        #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": false}}"#,
        #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"mailboxes": ["a", 2]}}"#,
        #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true, "fields": {"exclude": ["photo"]}}}"#,
        #"{"kind": "personalContacts", "source": {"tenant": "contoso", "filters": [{"property": "a", "operator": "contains", "value": "x"}]}, "target": {"allLicensedUsers": true}}"#,
        #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}, "safety": {"maxRemovePercent": 101}}"#,
        #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam", "markerAttribute": "CustomAttribute16"}}"#,
        #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam", "nameFormat": "Contact"}}"#,
        #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam", "folder": "X"}}"#,
        #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam", "fields": {"include": ["jobTitle"]}}}"#,
        #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {}}"#,
    ]

    @Test func decoderAndSchemaRejectTheSameMistakes() async throws {
        let directory = try TestConfigDirectory()
        defer { directory.remove() }
        var files: [String] = []
        for (index, json) in Self.badJobs.enumerated() {
            let result = ConfigurationDecoder.decodeJob(
                Data(json.utf8),
                file: "jobs.d/bad.json",
                tenants: ["contoso", "fabrikam"]
            )
            #expect(result.definition == nil, "decoder accepted bad job \(index): \(json)")
            files.append(try directory.write("bad-\(index).json", json))
        }
        let schemaErrors = try await SchemaValidator.errors(schema: Self.jobSchema, files: files)
        for (index, file) in files.enumerated() {
            #expect(schemaErrors[file]?.isEmpty == false, "schema accepted bad job \(index): \(Self.badJobs[index])")
        }
    }

    @Test func globalSchemaRejectsInlineSecretsAndTwoCredentials() async throws {
        let directory = try TestConfigDirectory()
        defer { directory.remove() }
        let tenant = #""tenantId": "contoso.onmicrosoft.com", "clientId": "11111111-2222-3333-4444-555555555555""#
        let documents = [
            #"{"tenants": {"c": {\#(tenant), "clientSecret": "x"}}}"#,
            #"{"tenants": {"c": {\#(tenant), "clientSecretFile": "s", "certificateFile": "c", "privateKeyFile": "k"}}}"#,
            #"{"tenants": {"c": {\#(tenant), "certificateFile": "c"}}}"#,
            #"{"maxConcurrentJobs": 65, "tenants": {"c": {\#(tenant), "clientSecretFile": "s"}}}"#,
            #"{"logging": {"file": {"maxBytes": 1000}}, "tenants": {"c": {\#(tenant), "clientSecretFile": "s"}}}"#,
            #"{"metrics": {}, "tenants": {"c": {\#(tenant), "clientSecretFile": "s"}}}"#,
            #"{"metrics": {"textfile": "/m.txt"}, "tenants": {"c": {\#(tenant), "clientSecretFile": "s"}}}"#,
            #"{"metrics": {"textfile": "/m.prom", "port": 9100}, "tenants": {"c": {\#(tenant), "clientSecretFile": "s"}}}"#,
        ]
        var files: [String] = []
        for (index, json) in documents.enumerated() {
            #expect(ConfigurationDecoder.decodeGlobal(Data(json.utf8), directory: "/etc/m365sync").configuration == nil)
            files.append(try directory.write("global-\(index).json", json))
        }
        let schemaErrors = try await SchemaValidator.errors(schema: Self.globalSchema, files: files)
        for (index, file) in files.enumerated() {
            #expect(schemaErrors[file]?.isEmpty == false, "schema accepted bad global file \(index)")
        }
    }
}
