import Foundation
import M365Core
import Testing

@Suite struct JobChangesTests {
    private func load(_ global: String = twoTenantsGlobal, jobs: [String: String]) throws -> LoadedConfiguration {
        let result = decodeDirectory(global: global, jobs: jobs)
        return try #require(result.configuration, "\(result.issues)")
    }

    @Test func reformattedJobWithExplicitDefaultsIsUnchanged() throws {
        let old = try load(jobs: ["jobs.d/sales.json": minimalPersonalJob])
        let new = try load(jobs: [
            "jobs.d/sales.json": """
            {
              "$comment": "same job, written out",
              "target": {"mailboxes": ["alice@contoso.com"], "tenant": "contoso", "maxConcurrentMailboxes": 4},
              "source": {"memberTypes": ["member"], "tenant": "contoso"},
              "schedule": {"interval": "30m", "jitter": "0s"},
              "kind": "personalContacts", "enabled": true,
              "safety": {"maxRemove": 500, "maxRemovePercent": 10.0}
            }
            """
        ])
        #expect(new.jobChanges(from: old) == JobChanges(unchanged: ["sales"]))
        #expect(new.effectiveDefinition(ofJob: "sales") == old.effectiveDefinition(ofJob: "sales"))
    }

    @Test func renamedFileWithSameNameIsUnchanged() throws {
        let old = try load(jobs: ["jobs.d/sales.json": minimalPersonalJob])
        let renamed = minimalPersonalJob.replacingOccurrences(of: "{\"kind\"", with: "{\"name\": \"sales\", \"kind\"")
        let new = try load(jobs: ["jobs.d/10-sales.json": renamed])
        #expect(new.jobChanges(from: old) == JobChanges(unchanged: ["sales"]))
    }

    @Test func addedRemovedAndChangedJobs() throws {
        let old = try load(jobs: [
            "jobs.d/keep.json": minimalPersonalJob,
            "jobs.d/edit.json": minimalPersonalJob,
            "jobs.d/gone.json": minimalPersonalJob,
        ])
        let new = try load(jobs: [
            "jobs.d/keep.json": minimalPersonalJob,
            "jobs.d/edit.json": minimalPersonalJob.replacingOccurrences(of: "alice@", with: "bob@"),
            "jobs.d/new.json": minimalPersonalJob,
        ])
        #expect(
            new.jobChanges(from: old)
                == JobChanges(added: ["new"], removed: ["gone"], changed: ["edit"], unchanged: ["keep"])
        )
    }

    @Test func aChangedTenantChangesTheJobsThatUseIt() throws {
        let mail = #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam"}}"#
        let old = try load(jobs: ["jobs.d/personal.json": minimalPersonalJob, "jobs.d/mail.json": mail])
        let moved = twoTenantsGlobal.replacingOccurrences(of: "fabrikam.key", with: "fabrikam-2025.key")
        let new = try load(moved, jobs: ["jobs.d/personal.json": minimalPersonalJob, "jobs.d/mail.json": mail])
        #expect(new.jobChanges(from: old) == JobChanges(changed: ["mail"], unchanged: ["personal"]))
    }
}
