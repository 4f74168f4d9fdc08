import Foundation
import Logging
import M365Core
import M365State
import M365TestSupport
import Testing

/// Runs `m365sync check` as a child process against a real state database: one test per exit status.
@Suite struct CheckBinaryTests {
    let directory: TestConfigDirectory

    init() throws {
        directory = try TestConfigDirectory.valid()
    }

    var stateDirectory: String { directory.url.appendingPathComponent("state").path }

    func record(_ status: SyncStatus, counts: ActionCounts = ActionCounts(), nextRun: Date? = nil) throws {
        let store = try StateStore(
            directory: stateDirectory,
            logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        )
        let end = Date().addingTimeInterval(-60)
        try store.recordRunStarted(job: "sales", runId: "r1", at: end.addingTimeInterval(-5))
        try store.recordRunFinished(
            job: "sales",
            runId: "r1",
            at: end,
            outcome: RunOutcome(status: status, counts: counts, error: status == .failed ? "token refused" : nil)
        )
        try store.recordNextRun(job: "sales", at: nextRun)
    }

    func check(_ arguments: [String] = []) async throws -> (status: Int32, line: String) {
        let result = try await BuiltProducts.run(
            "m365sync",
            arguments: ["check", "--config", directory.path] + arguments,
            environment: [:]
        )
        #expect(result.standardError.isEmpty)
        #expect(result.standardOutput.filter { $0 == "\n" }.count == 1, "one line: \(result.standardOutput)")
        return (result.status, result.standardOutput)
    }

    @Test func okExitsZero() async throws {
        defer { directory.remove() }
        try record(.succeeded, counts: ActionCounts(add: 3, remove: 1), nextRun: Date().addingTimeInterval(600))
        let (status, line) = try await check(["--job", "sales", "--max-age", "1h"])
        #expect(status == 0)
        #expect(line == "M365SYNC OK - 1 job OK (sales) | added=3 updated=0 removed=1 unchanged=0 failed=0 blocked=0\n")
    }

    @Test func blockedRemovalsExitOne() async throws {
        defer { directory.remove() }
        try record(.blockedBySafety, counts: ActionCounts(blocked: 7))
        let (status, line) = try await check()
        #expect(status == 1)
        #expect(line.hasPrefix("M365SYNC WARNING - sales: 7 removals blocked by safety limits"))
    }

    @Test func aFailedRunExitsTwo() async throws {
        defer { directory.remove() }
        try record(.failed)
        let (status, line) = try await check()
        #expect(status == 2)
        #expect(line.hasPrefix("M365SYNC CRITICAL - sales: last run failed at "))
        #expect(line.contains(": token refused |"))
    }

    @Test func aMissedRunExitsTwo() async throws {
        defer { directory.remove() }
        try record(.succeeded, nextRun: Date().addingTimeInterval(-3600))
        let (status, line) = try await check(["--grace", "30m"])
        #expect(status == 2)
        #expect(line.contains("sales: missed its run due at "))
    }

    @Test func unreadableInputsExitThree() async throws {
        defer { directory.remove() }
        try directory.write("jobs.d/sales.json", #"{"kind": "nonsense"}"#)
        let (status, line) = try await check()
        #expect(status == 3)
        #expect(line.hasPrefix("M365SYNC UNKNOWN - configuration invalid: jobs.d/sales.json: "))
    }

    @Test func anUnknownJobOrDurationExitsThree() async throws {
        defer { directory.remove() }
        for (arguments, expected) in [
            (["--job", "nope"], "M365SYNC UNKNOWN - no job named 'nope' (jobs: sales)\n"),
            (
                ["--max-age", "2 hours"],
                "M365SYNC UNKNOWN - --max-age: expected a duration such as 2h or 1d, found \"2 hours\"\n"
            ),
        ] {
            let (status, line) = try await check(arguments)
            #expect(status == 3)
            #expect(line == expected)
        }
    }
}
