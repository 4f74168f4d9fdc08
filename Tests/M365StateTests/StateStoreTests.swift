import Foundation
import InMemoryLogging
import M365Core
import M365State
import M365TestSupport
import Testing

@Suite struct StateStoreTests {
    let state: StateStoreFolder

    init() throws {
        state = try StateStoreFolder()
    }

    func openStore(historyLimit: Int = 1000) throws -> StateStore {
        try state.openStore(historyLimit: historyLimit)
    }

    @Test func createsTheFolderAndTheDatabaseInWALMode() throws {
        let store = try openStore()
        #expect(store.path == state.folder.appending("state/m365sync.db"))
        #expect(FileManager.default.fileExists(atPath: store.path))
        try store.recordRunStarted(job: "sales", runId: "r1", at: Date())
        #expect(FileManager.default.fileExists(atPath: store.path + "-wal"))
    }

    /// Freeing the caches closes the reader connections: reads and writes afterwards open what they need again.
    @Test func theStoreWorksOnAfterItsMemoryIsReleased() throws {
        let store = try openStore()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try store.recordRunStarted(job: "sales", runId: "r1", at: start)
        #expect(try store.lastRun(job: "sales")?.runId == "r1")
        store.releaseMemory()
        #expect(try store.lastRun(job: "sales")?.runId == "r1")
        try store.recordRunStarted(job: "sales", runId: "r2", at: start.addingTimeInterval(60))
        store.releaseMemory()
        #expect(try store.lastRun(job: "sales")?.runId == "r2")
    }

    @Test func recordsARunFromStartToFinish() throws {
        let store = try openStore()
        let start = Date(timeIntervalSince1970: 1_800_000_000.25)
        try store.recordRunStarted(job: "sales", runId: "r1", at: start)
        let running = try #require(try store.lastRun(job: "sales"))
        #expect(running == RunRecord(job: "sales", runId: "r1", startedAt: start))

        let outcome = RunOutcome(
            status: .partial,
            counts: ActionCounts(add: 3, update: 2, remove: 1, unchanged: 40, failed: 1, skipped: 2, blocked: 0),
            error: "1 action failed"
        )
        let end = start.addingTimeInterval(12.5)
        try store.recordRunFinished(job: "sales", runId: "r1", at: end, outcome: outcome)
        let finished = try #require(try store.lastRun(job: "sales"))
        #expect(finished == RunRecord(job: "sales", runId: "r1", startedAt: start, finishedAt: end, outcome: outcome))
        #expect(try store.lastRun(job: "other") == nil)
    }

    @Test func historyIsNewestFirstPerJobAndPruned() throws {
        let store = try openStore(historyLimit: 3)
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<5 {
            let start = base.addingTimeInterval(Double(index) * 60)
            try store.recordRunStarted(job: "sales", runId: "r\(index)", at: start)
            try store.recordRunFinished(
                job: "sales",
                runId: "r\(index)",
                at: start.addingTimeInterval(5),
                outcome: RunOutcome(status: .succeeded)
            )
        }
        try store.recordRunStarted(job: "hr", runId: "h0", at: base)
        #expect(try store.runHistory(job: "sales", limit: 10).map(\.runId) == ["r4", "r3", "r2"])
        #expect(try store.runHistory(job: "sales", limit: 2).map(\.runId) == ["r4", "r3"])
        #expect(try store.runHistory(job: "hr", limit: 10).map(\.runId) == ["h0"])
        #expect(try store.jobsWithHistory() == ["hr", "sales"])
    }

    @Test func aFinishWithoutARecordedStartIsStillKept() throws {
        let store = try openStore()
        let end = Date(timeIntervalSince1970: 1_800_000_100)
        try store.recordRunFinished(job: "sales", runId: "r9", at: end, outcome: RunOutcome(status: .failed))
        let record = try #require(try store.lastRun(job: "sales"))
        #expect(record.outcome?.status == .failed)
        #expect(record.finishedAt == end)
    }

    @Test func valuesAreScopedAndRemovable() throws {
        let store = try openStore()
        try store.setValue("https://graph/delta?token=1", forKey: "deltaLink", scope: "job:sales")
        try store.setValue("other", forKey: "deltaLink", scope: "job:hr")
        #expect(try store.value(forKey: "deltaLink", scope: "job:sales") == "https://graph/delta?token=1")
        try store.setValue("https://graph/delta?token=2", forKey: "deltaLink", scope: "job:sales")
        #expect(try store.value(forKey: "deltaLink", scope: "job:sales") == "https://graph/delta?token=2")
        try store.setValue(nil, forKey: "deltaLink", scope: "job:sales")
        #expect(try store.value(forKey: "deltaLink", scope: "job:sales") == nil)
        #expect(try store.value(forKey: "deltaLink", scope: "job:hr") == "other")
        try store.removeValues(scope: "job:hr")
        #expect(try store.value(forKey: "deltaLink", scope: "job:hr") == nil)
    }

    @Test func aScopesValuesAreListedTogether() throws {
        let store = try openStore()
        try store.setValue("Ann Lee", forKey: "ann@contoso.com", scope: "pending:t2t")
        try store.setValue("Bo Boss", forKey: "bo@contoso.com", scope: "pending:t2t")
        try store.setValue("Other", forKey: "ann@contoso.com", scope: "pending:other")
        #expect(try store.values(scope: "pending:t2t") == ["ann@contoso.com": "Ann Lee", "bo@contoso.com": "Bo Boss"])
        #expect(try store.values(scope: "nothing").isEmpty)
    }

    @Test func nextRunsAreRecordedAndCleared() throws {
        let store = try openStore()
        let next = Date(timeIntervalSince1970: 1_800_000_900)
        try store.recordNextRun(job: "sales", at: next)
        #expect(try store.nextRun(job: "sales") == next)
        try store.recordNextRun(job: "sales", at: nil)
        #expect(try store.nextRun(job: "sales") == nil)
        try store.recordNextRun(job: "hr", at: next)
        try store.clearNextRuns()
        #expect(try store.nextRun(job: "hr") == nil)
    }

    @Test func whatWasCommittedSurvivesReopening() throws {
        do {
            let store = try openStore()
            try store.recordRunStarted(job: "sales", runId: "r1", at: Date(timeIntervalSince1970: 1_800_000_000))
            try store.setValue("v", forKey: "k", scope: "s")
        }
        let reopened = try openStore()
        #expect(try reopened.lastRun(job: "sales")?.runId == "r1")
        #expect(try reopened.value(forKey: "k", scope: "s") == "v")
        #expect(state.logs.entries.isEmpty)
    }

    @Test func aReaderSeesTheWritersCommitsWithoutCreatingAnything() throws {
        #expect(try StateStore.openForReading(directory: state.folder.appending("nowhere")) == nil)
        #expect(!FileManager.default.fileExists(atPath: state.folder.appending("nowhere")))
        let store = try openStore()
        try store.recordRunStarted(job: "sales", runId: "r1", at: Date(timeIntervalSince1970: 1_800_000_000))
        let reader = try #require(try StateStore.openForReading(directory: state.folder.appending("state")))
        #expect(try reader.lastRun(job: "sales")?.runId == "r1")
        try store.recordRunFinished(job: "sales", runId: "r1", at: Date(), outcome: RunOutcome(status: .succeeded))
        #expect(try reader.lastRun(job: "sales")?.outcome?.status == .succeeded)
        #expect(throws: StateStoreError.self) { try reader.setValue("x", forKey: "k", scope: "s") }
    }

    @Test func aReaderOpensTheDatabaseAfterTheWriterHasClosedIt() throws {
        do {
            let store = try openStore()
            try store.recordRunStarted(job: "sales", runId: "r1", at: Date(timeIntervalSince1970: 1_800_000_000))
        }
        let reader = try #require(try StateStore.openForReading(directory: state.folder.appending("state")))
        #expect(try reader.lastRun(job: "sales")?.runId == "r1")
        #expect(try reader.nextRun(job: "sales") == nil)
    }
}
