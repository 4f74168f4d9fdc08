import M365Core
import Testing

@Suite struct ConfigurationDirectoryDecodingTests {
    @Test func decodesAWholeDirectory() throws {
        let result = decodeDirectory(
            global: twoTenantsGlobal,
            jobs: [
                "jobs.d/b.json": minimalPersonalJob,
                "jobs.d/a.json":
                    #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam"}}"#,
            ]
        )
        #expect(result.issues.isEmpty)
        let configuration = try #require(result.configuration)
        #expect(configuration.directory == "/etc/m365sync")
        #expect(configuration.jobs.map(\.name) == ["a", "b"])
        #expect(configuration.jobs.map(\.file) == ["jobs.d/a.json", "jobs.d/b.json"])
        #expect(result.fileReferences.count == 3)
    }

    @Test func jobNamesMustBeUnique() {
        let result = decodeDirectory(
            global: twoTenantsGlobal,
            jobs: [
                "jobs.d/sales.json": minimalPersonalJob,
                "jobs.d/z.json":
                    #"{"name": "sales", "kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam"}}"#,
            ]
        )
        #expect(result.configuration == nil)
        let issue = error(at: ".name", in: result.issues)
        #expect(issue?.file == "jobs.d/z.json")
        #expect(
            issue?.message == "the job name \"sales\" is already used by jobs.d/sales.json; job names must be unique"
        )
    }

    @Test func reportsEveryFileInOnePass() {
        let result = decodeDirectory(
            global:
                #"{"maxConcurrentJobs": 100, "tenants": {"contoso": {"tenantId": "contoso.onmicrosoft.com", "clientId": "11111111-2222-3333-4444-555555555555", "clientSecretFile": "s"}}}"#,
            jobs: [
                "jobs.d/one.json":
                    #"{"kind": "personalContacts", "source": {"tenant": "fabrikam"}, "target": {"allLicensedUsers": true}}"#,
                "jobs.d/two.json": "{\n  \"kind\": \"mailContacts\",\n}",
                "jobs.d/three.json": minimalPersonalJob,
            ]
        )
        #expect(result.configuration == nil)
        #expect(
            result.errors.map(\.description) == [
                "m365sync.json: .maxConcurrentJobs: expected an integer from 1 to 64, found 100",
                "jobs.d/one.json: .source.tenant: undefined tenant \"fabrikam\"; m365sync.json defines \"contoso\"",
                "jobs.d/two.json: malformed JSON at line 3, column 1: trailing comma before '}'",
            ]
        )
    }

    @Test func missingGlobalFileIsAnErrorAndTenantsAreNotGuessed() {
        let result = decodeDirectory(global: nil, jobs: ["jobs.d/sales.json": minimalPersonalJob])
        #expect(
            result.errors.map(\.description) == [
                "m365sync.json: file not found; the configuration directory must contain m365sync.json"
            ]
        )
    }

    @Test func noJobsIsAWarning() throws {
        let result = decodeDirectory(global: twoTenantsGlobal, jobs: [:])
        let configuration = try #require(result.configuration)
        #expect(configuration.jobs.isEmpty)
        #expect(configuration.warnings.map(\.file) == ["jobs.d"])
    }
}
