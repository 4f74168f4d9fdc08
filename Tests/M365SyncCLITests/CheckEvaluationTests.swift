import Foundation
import M365Core
import M365State
import M365SyncCLI
import Testing

/// The rules of `m365sync check`, without files or clocks.
@Suite struct CheckEvaluationTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let rules = CheckEvaluation(grace: .seconds(900), maxAge: nil)

    func job(
        _ status: SyncStatus?,
        name: String = "sales",
        endedAgo: TimeInterval = 60,
        counts: ActionCounts = ActionCounts(),
        error: String? = nil,
        nextIn: TimeInterval? = 1_000,
        running: Bool = false
    ) -> CheckedJob {
        let end = now.addingTimeInterval(-endedAgo)
        let record = RunRecord(
            job: name,
            runId: "r",
            startedAt: end.addingTimeInterval(-10),
            finishedAt: status == nil ? nil : end,
            outcome: status.map { RunOutcome(status: $0, counts: counts, error: error) }
        )
        return CheckedJob(name: name, lastRun: record, nextRunAt: nextIn.map(now.addingTimeInterval), running: running)
    }

    @Test func succeededJobsAreOKWithSummedPerformanceData() {
        let result = rules.evaluate(
            [
                job(.succeeded, name: "crm", counts: ActionCounts(add: 2, remove: 1, unchanged: 5)),
                job(.succeeded, name: "sales", counts: ActionCounts(add: 1, update: 3)),
            ],
            now: now
        )
        #expect(result.status == .ok)
        #expect(
            result.line
                == "M365SYNC OK - 2 jobs OK (crm, sales) | added=3 updated=3 removed=1 unchanged=5 failed=0 blocked=0"
        )
    }

    @Test func partialAndSafetyBlocksWarn() {
        let partial = rules.evaluate([job(.partial, counts: ActionCounts(failed: 2))], now: now)
        #expect(partial.status == .warning)
        #expect(partial.line.hasPrefix("M365SYNC WARNING - sales: last run partial at 2027-01-15T07:59:00Z (2 failed)"))
        let blocked = rules.evaluate([job(.blockedBySafety, counts: ActionCounts(blocked: 12))], now: now)
        #expect(blocked.status == .warning)
        #expect(blocked.line.contains("sales: 12 removals blocked by safety limits"))
        #expect(blocked.line.hasSuffix("| added=0 updated=0 removed=0 unchanged=0 failed=0 blocked=12"))
    }

    @Test func aFailedRunIsCriticalAndOutranksWarnings() {
        let result = rules.evaluate(
            [job(.partial, name: "crm"), job(.failed, name: "sales", error: "source read failed | 503\nsecond line")],
            now: now
        )
        #expect(result.status == .critical)
        #expect(
            result.line.hasPrefix(
                "M365SYNC CRITICAL - sales: last run failed at 2027-01-15T07:59:00Z: source read failed / 503; crm:"
            )
        )
        #expect(result.line.components(separatedBy: "|").count == 2)
    }

    @Test func aMissedScheduledRunIsCriticalOnlyBeyondTheGrace() {
        #expect(rules.evaluate([job(.succeeded, nextIn: -899)], now: now).status == .ok)
        let missed = rules.evaluate([job(.succeeded, nextIn: -3_720)], now: now)
        #expect(missed.status == .critical)
        #expect(missed.line.contains("sales: missed its run due at 2027-01-15T06:58:00Z by 1h2m"))
        #expect(rules.evaluate([job(nil, nextIn: -3_720, running: true)], now: now).status == .ok)
    }

    @Test func maxAgeCatchesAStoppedDaemonAndJobsThatNeverRan() {
        let aged = CheckEvaluation(grace: .seconds(900), maxAge: .seconds(7200))
        #expect(aged.evaluate([job(.succeeded, endedAgo: 7000, nextIn: nil)], now: now).status == .ok)
        let stale = aged.evaluate([job(.succeeded, endedAgo: 7300, nextIn: nil)], now: now)
        #expect(stale.status == .critical)
        #expect(stale.line.contains("sales: last run ended 2h1m40s ago (max 2h)"))
        let never = CheckedJob(name: "sales", lastRun: nil, nextRunAt: nil, running: false)
        #expect(aged.evaluate([never], now: now).status == .critical)
        #expect(rules.evaluate([never], now: now).status == .warning)
    }

    @Test func unknownOutranksWarningButNotCritical() {
        #expect(NagiosStatus.unknown > .warning)
        #expect(NagiosStatus.critical > .unknown)
        #expect([NagiosStatus.ok, .warning, .critical, .unknown].map(\.rawValue) == [0, 1, 2, 3])
    }
}
