import Foundation
import M365Core
import M365Daemon
import Testing

@Suite struct ConfigurationLoaderTests {
    private func load(
        _ directory: TestConfigDirectory,
        environment: [String: String] = [:]
    ) throws(ConfigurationError)
        -> LoadedConfiguration
    {
        try ConfigurationLoader.load(directory: directory.path, environment: environment)
    }

    private func issues(_ directory: TestConfigDirectory, environment: [String: String] = [:]) -> [ConfigurationIssue] {
        do {
            _ = try load(directory, environment: environment)
            Issue.record("expected the configuration to be rejected")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func loadsAndResolvesRelativePathsAgainstTheDirectory() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        let configuration = try load(directory)
        #expect(configuration.directory == directory.path)
        #expect(configuration.global.stateDirectory == directory.path + "/state")
        #expect(configuration.global.logging.file.path == directory.path + "/log/m365sync.log")
        #expect(
            configuration.global.tenants["contoso"]?.credential
                == .clientSecret(file: directory.path + "/secrets/contoso.secret")
        )
        #expect(configuration.jobs.map(\.name) == ["sales"])
        #expect(configuration.warnings.isEmpty)
    }

    @Test func ignoresDotfilesOtherExtensionsAndFoldersAndSortsJobs() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write("jobs.d/.hidden.json", "not json")
        try directory.write("jobs.d/notes.txt", "not json")
        try directory.write("jobs.d/sales.json.bak", "not json")
        try directory.write("jobs.d/folder.json/inner.json", "not json")
        try directory.write("jobs.d/a-first.json", TestConfigDirectory.salesJob)
        let configuration = try load(directory)
        #expect(configuration.jobs.map(\.name) == ["a-first", "sales"])
    }

    @Test func bareSecretNameIsFoundInTheCredentialsDirectory() throws {
        let directory = try TestConfigDirectory.valid()
        let credentials = try TestConfigDirectory()
        defer {
            directory.remove()
            credentials.remove()
        }
        try directory.write(
            "m365sync.json",
            TestConfigDirectory.contosoGlobal.replacingOccurrences(of: "secrets/contoso.secret", with: "contoso.secret")
        )
        let secret = try credentials.write("contoso.secret", "from-systemd\n", mode: 0o400)
        let configuration = try load(directory, environment: ["CREDENTIALS_DIRECTORY": credentials.path])
        #expect(configuration.global.tenants["contoso"]?.credential == .clientSecret(file: secret))

        // Without $CREDENTIALS_DIRECTORY the bare name is looked up in the configuration directory only.
        let missing = issues(directory)
        #expect(missing.map(\.path) == [".tenants.contoso.clientSecretFile"])
        #expect(missing.first?.message == "client secret file \(directory.path)/contoso.secret does not exist")

        // With both present, the credentials directory wins (systemd delivered it on purpose).
        try directory.write("contoso.secret", "local\n", mode: 0o600)
        #expect(
            try load(directory, environment: ["CREDENTIALS_DIRECTORY": credentials.path]).global.tenants["contoso"]?
                .credential == .clientSecret(file: secret)
        )
        #expect(
            try load(directory).global.tenants["contoso"]?.credential
                == .clientSecret(file: directory.path + "/contoso.secret")
        )
    }

    @Test func missingFileMentionsTheCredentialsDirectoryToo() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write(
            "m365sync.json",
            TestConfigDirectory.contosoGlobal.replacingOccurrences(of: "secrets/contoso.secret", with: "other.secret")
        )
        let found = issues(directory, environment: ["CREDENTIALS_DIRECTORY": "/run/credentials/m365sync.service"])
        #expect(found.count == 1)
        #expect(found.first?.file == "m365sync.json")
        #expect(
            found.first?.message
                == "client secret file \(directory.path)/other.secret does not exist (also looked in $CREDENTIALS_DIRECTORY /run/credentials/m365sync.service)"
        )
    }

    @Test func secretReadableByOthersIsRefusedWithTheFix() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        let secret = try directory.write("secrets/contoso.secret", "s3cr3t-value\n", mode: 0o644)
        let found = issues(directory)
        #expect(found.count == 1)
        #expect(found.first?.path == ".tenants.contoso.clientSecretFile")
        #expect(
            found.first?.message
                == "client secret file \(secret) is readable by every user (mode 0644); refusing to use it: run `chmod 600 \(secret)` and `chown` it to the user m365sync runs as"
        )
        #expect(!found.map(\.description).joined().contains("s3cr3t"), "the secret never appears in a message")
        // Group-readable is allowed (a service group may need it).
        try directory.write("secrets/contoso.secret", "s3cr3t-value\n", mode: 0o640)
        #expect(throws: Never.self) { try load(directory) }
    }

    @Test func certificateFilesAreCheckedForTheirKind() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write(
            "m365sync.json",
            """
            {"tenants": {"fabrikam": {"tenantId": "fabrikam.onmicrosoft.com", "clientId": "11111111-2222-3333-4444-555555555555",
              "certificateFile": "app.pem", "privateKeyFile": "app.key", "caFile": "missing-ca.pem"}}}
            """
        )
        try directory.write(
            "jobs.d/sales.json",
            TestConfigDirectory.salesJob.replacingOccurrences(of: "contoso", with: "fabrikam")
        )
        try directory.write("app.pem", "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n")
        try directory.write("app.key", "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n", mode: 0o604)
        let found = issues(directory)
        #expect(
            found.map(\.path) == [
                ".tenants.fabrikam.certificateFile", ".tenants.fabrikam.privateKeyFile", ".tenants.fabrikam.caFile",
            ]
        )
        #expect(found[0].message.hasSuffix("does not contain a PEM certificate (-----BEGIN CERTIFICATE-----)"))
        #expect(found[1].message.contains("is readable by every user (mode 0604)"))
        #expect(found[2].message == "CA certificate file \(directory.path)/missing-ca.pem does not exist")
    }

    @Test func emptySecretAndDirectoryAsSecretAreRejected() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write("secrets/contoso.secret", "\n", mode: 0o600)
        #expect(
            issues(directory).first?.message == "client secret file \(directory.path)/secrets/contoso.secret is empty"
        )
        try FileManager.default.removeItem(atPath: directory.path + "/secrets/contoso.secret")
        try FileManager.default.createDirectory(
            atPath: directory.path + "/secrets/contoso.secret",
            withIntermediateDirectories: true
        )
        #expect(issues(directory).first?.message.hasSuffix("is not a regular file") == true)
    }

    @Test func everyIssueOfEveryFileInOnePass() throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write("secrets/contoso.secret", "x", mode: 0o666)
        try directory.write(
            "m365sync.json",
            TestConfigDirectory.contosoGlobal.replacingOccurrences(of: "\"stateDirectory\"", with: "\"stateDir\"")
        )
        try directory.write("jobs.d/b.json", "{\"kind\": \"mailContacts\" \"source\": {}}")
        try directory.write(
            "jobs.d/c.json",
            #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam"}, "dryRun": 1}"#
        )
        let found = issues(directory)
        #expect(
            found.map(\.description) == [
                "m365sync.json: .stateDir: unknown key \"stateDir\"; did you mean \"stateDirectory\"?",
                "m365sync.json: .tenants.contoso.clientSecretFile: client secret file \(directory.path)/secrets/contoso.secret is readable by every user (mode 0666); refusing to use it: run `chmod 600 \(directory.path)/secrets/contoso.secret` and `chown` it to the user m365sync runs as",
                "jobs.d/b.json: malformed JSON at line 1, column 25: expected ',' or '}' after an object member",
                "jobs.d/c.json: .dryRun: expected true or false, found a number",
                "jobs.d/c.json: .target.tenant: undefined tenant \"fabrikam\"; m365sync.json defines \"contoso\"",
            ]
        )
    }

    @Test func missingDirectoryAndMissingGlobalFile() throws {
        do {
            _ = try ConfigurationLoader.load(directory: "/nonexistent/m365sync-\(UUID().uuidString)", environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.count == 1)
            #expect(
                error.issues.first?.message.contains("not found; pass --config DIR or set $M365SYNC_CONFIG") == true
            )
        }
        let directory = try TestConfigDirectory()
        defer { directory.remove() }
        #expect(
            issues(directory).map(\.description) == [
                "m365sync.json: file not found; the configuration directory must contain m365sync.json"
            ]
        )
    }
}
