import Foundation
import Logging
import M365Core
import M365Primitives
import M365State
import M365SyncCLI
import M365TestSupport
import Testing

@Suite struct StatusReportTests {
    let folder: ScratchDirectory

    init() throws {
        folder = try ScratchDirectory()
    }

    var stateDirectory: String { folder.appending("state") }

    func configuration(jobs: [(String, Bool)]) -> LoadedConfiguration {
        LoadedConfiguration(
            directory: folder.path,
            global: GlobalConfiguration(stateDirectory: stateDirectory),
            jobs: jobs.map { name, enabled in
                JobDefinition(
                    name: name,
                    file: "jobs.d/\(name).json",
                    enabled: enabled,
                    spec: .mailContacts(
                        MailContactsJobSpec(
                            source: SourceSelection(tenant: "a"),
                            target: MailContactsTarget(tenant: "b")
                        )
                    )
                )
            }
        )
    }

    @Test func withoutAStateDatabaseEveryJobHasNeverRunAndNothingIsCreated() throws {
        let report = try StatusReport.make(configuration: configuration(jobs: [("sales", true)]))
        #expect(report.jobs.map(\.state) == ["never"])
        #expect(report.jobs[0].lastRun == nil)
        #expect(!FileManager.default.fileExists(atPath: stateDirectory))
    }

    @Test func showsLastRunCountsNextRunAndRunningJobs() throws {
        let store = try StateStore(
            directory: stateDirectory,
            logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        )
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try store.recordRunStarted(job: "sales", runId: "r1", at: start)
        try store.recordRunFinished(
            job: "sales",
            runId: "r1",
            at: start.addingTimeInterval(30),
            outcome: RunOutcome(status: .partial, counts: ActionCounts(add: 4, update: 1, failed: 2), error: "2 failed")
        )
        try store.recordNextRun(job: "sales", at: start.addingTimeInterval(1800))
        try store.recordRunStarted(job: "hr", runId: "h1", at: start)
        let lock = try JobLock.acquire(job: "hr", stateDirectory: stateDirectory, owner: "m365sync daemon")
        defer { lock.release() }

        let report = try StatusReport.make(
            configuration: configuration(jobs: [("hr", true), ("old", false), ("sales", true)])
        )
        #expect(report.jobs.map(\.state) == ["running", "never", "partial"])
        let sales = report.jobs[2]
        #expect(sales.lastRun?.counts == ActionCounts(add: 4, update: 1, failed: 2))
        #expect(sales.lastRun?.finishedAt == start.addingTimeInterval(30))
        #expect(sales.nextRunAt == start.addingTimeInterval(1800))
        #expect(report.jobs[0].runningIn?.owner == "m365sync daemon")

        let table = report.table(timeZone: TimeZone(identifier: "UTC")!)
        #expect(table.contains("sales"))
        #expect(table.contains("2027-01-15 08:00:00"))
        #expect(table.contains("hr: running in m365sync daemon"))
        #expect(table.contains("sales: last error: 2 failed"))

        let json = try JSONValue(decoding: Data(report.json().utf8))
        #expect(json["jobs"]?[2]?["state"] == "partial")
        #expect(json["jobs"]?[2]?["lastRun"]?["startedAt"] == "2027-01-15T08:00:00Z")
    }

    @Test func aRunWithoutAnEndAndWithoutALockWasInterrupted() throws {
        let store = try StateStore(
            directory: stateDirectory,
            logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        )
        try store.recordRunStarted(job: "sales", runId: "r1", at: Date())
        let report = try StatusReport.make(configuration: configuration(jobs: [("sales", true)]))
        #expect(report.jobs[0].state == "interrupted")
    }
}
