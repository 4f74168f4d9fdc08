import Foundation
import Logging
import M365Core
import M365Metrics
import M365State
import M365TestSupport
import Testing

@Suite struct SyncMetricsTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func report() -> JobReport {
        let add = ActionReport(action: .add, sourceId: "1", displayName: "A", email: "a@x", status: .applied)
        let blocked = ActionReport(action: .remove, sourceId: "2", displayName: "B", email: "b@x", status: .blocked)
        let failed = ActionReport(action: .update, sourceId: "3", displayName: "C", email: "c@x", status: .failed)
        return JobReport(
            job: "sales",
            kind: .personalContacts,
            requests: RequestStats(total: 5, byKind: ["graph.batch": 2, "graph.list": 3], retries: 2, throttled: 1),
            targets: [TargetReport(target: "m@x", actions: [add, blocked, failed], unchanged: 4)]
        )
    }

    func lines(_ metrics: SyncMetrics) -> Set<String> {
        Set(String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n").map(String.init))
    }

    @Test func aFinishedRunSetsGaugesAndAddsToCounters() {
        let metrics = SyncMetrics(version: "1.2.3", startedAt: start)
        metrics.runStarted(job: "sales", at: start)
        let outcome = RunOutcome(
            status: .partial,
            counts: ActionCounts(add: 1, failed: 1, blocked: 1),
            report: report()
        )
        metrics.runFinished(
            job: "sales",
            startedAt: start,
            finishedAt: start.addingTimeInterval(42.5),
            outcome: outcome
        )
        metrics.runFinished(
            job: "sales",
            startedAt: start,
            finishedAt: start.addingTimeInterval(42.5),
            outcome: outcome
        )
        metrics.nextRun(job: "sales", at: start.addingTimeInterval(1800))
        let text = lines(metrics)
        for expected in [
            "# TYPE m365sync_build_info gauge", #"m365sync_build_info{version="1.2.3"} 1.0"#,
            "m365sync_start_time_seconds 1800000000.0",
            #"m365sync_job_last_run_duration_seconds{job="sales"} 42.5"#,
            #"m365sync_job_last_run_status{job="sales",status="partial"} 1.0"#,
            #"m365sync_job_last_run_status{job="sales",status="succeeded"} 0.0"#,
            #"m365sync_job_next_run_timestamp_seconds{job="sales"} 1800001800.0"#,
            "# TYPE m365sync_actions_total counter",
            #"m365sync_actions_total{job="sales",action="add",status="applied"} 2"#,
            #"m365sync_actions_total{job="sales",action="update",status="failed"} 2"#,
            #"m365sync_requests_total{job="sales",service="graph",kind="graph.list"} 6"#,
            #"m365sync_request_retries_total{job="sales"} 4"#,
            #"m365sync_throttled_responses_total{job="sales"} 2"#,
            #"m365sync_removals_blocked_total{job="sales"} 2"#,
            #"m365sync_job_runs_total{job="sales",status="partial"} 2"#,
        ] {
            #expect(text.contains(expected), "missing \(expected) in \(text.sorted())")
        }
        #expect(!text.contains { $0.hasPrefix("m365sync_job_last_success_timestamp_seconds") }, "nothing succeeded")
        #expect(text.filter { $0.hasPrefix("# HELP ") }.count == text.filter { $0.hasPrefix("# TYPE ") }.count)
    }

    @Test func countsEveryActionOfAReportThatListsFewer() {
        let adds = (0..<5).map {
            ActionReport(action: .add, sourceId: "\($0)", displayName: "A", email: "a@x", status: .applied)
        }
        let blocked = ActionReport(action: .remove, sourceId: "r", displayName: "B", email: "b@x", status: .blocked)
        let target = TargetReport(target: "m@x", actions: adds + [blocked], unchanged: 0, limit: 1)
        #expect(target.actions.count == 1)
        let metrics = SyncMetrics(version: "1", startedAt: start)
        metrics.runStarted(job: "sales", at: start)
        let report = JobReport(job: "sales", kind: .personalContacts, targets: [target])
        let outcome = RunOutcome(status: report.status, counts: report.totals, report: report)
        metrics.runFinished(job: "sales", startedAt: start, finishedAt: start, outcome: outcome)
        let text = lines(metrics)
        #expect(text.contains(#"m365sync_actions_total{job="sales",action="add",status="applied"} 5"#))
        #expect(text.contains(#"m365sync_removals_blocked_total{job="sales"} 1"#))
    }

    @Test func anUnscheduledJobLosesItsNextRunSeries() {
        let metrics = SyncMetrics(version: "1", startedAt: start)
        metrics.nextRun(job: "sales", at: start)
        metrics.nextRun(job: "sales", at: nil)
        #expect(!lines(metrics).contains { $0.hasPrefix("m365sync_job_next_run_timestamp_seconds{") })
    }

    @Test func seedsLastRunsFromTheStateDatabase() throws {
        let folder = try ScratchDirectory()
        let store = try StateStore(directory: folder.path, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
        try store.recordRunFinished(job: "sales", runId: "a", at: start, outcome: RunOutcome(status: .succeeded))
        let later = start.addingTimeInterval(3600)
        try store.recordRunStarted(job: "sales", runId: "b", at: later)
        try store.recordRunFinished(
            job: "sales",
            runId: "b",
            at: later.addingTimeInterval(5),
            outcome: RunOutcome(status: .failed)
        )
        let metrics = SyncMetrics(version: "1", startedAt: start)
        try metrics.seed(jobs: ["sales", "idle"], from: store)
        let text = lines(metrics)
        #expect(text.contains(#"m365sync_job_last_success_timestamp_seconds{job="sales"} 1800000000.0"#))
        #expect(text.contains(#"m365sync_job_last_run_status{job="sales",status="failed"} 1.0"#))
        #expect(text.contains(#"m365sync_job_last_run_end_timestamp_seconds{job="sales"} 1800003605.0"#))
        #expect(text.contains(#"m365sync_removals_blocked_total{job="idle"} 0"#))
        #expect(!text.contains { $0.contains(#"last_run_status{job="idle""#) })
    }
}
