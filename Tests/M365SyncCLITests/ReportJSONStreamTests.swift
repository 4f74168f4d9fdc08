import Foundation
import M365Core
import Testing

@testable import M365SyncCLI

/// The run report streamed one target at a time is byte for byte the JSON of the whole report.
@Suite struct ReportJSONStreamTests {
    func action(_ index: Int, _ status: ActionReport.Status = .applied) -> ActionReport {
        ActionReport(
            action: index.isMultiple(of: 3) ? .update : .add,
            sourceId: "id-\(index)",
            displayName: "Zoë \"Z\" O'Neil\n\(index)",
            email: "z\(index)@contoso.com/x",
            changes: index.isMultiple(of: 3) ? ["jobTitle": ValueChange(old: "A", new: "B\u{1}")] : [:],
            status: status,
            error: status == .failed ? "boom" : nil
        )
    }

    func streamed(_ report: RunReport) -> Data {
        var data = Data()
        ReportJSON.stream(report) { data.append($0) }
        return data
    }

    @Test func theStreamIsTheWholeReportsJSON() {
        let first = TargetReport(target: "a@x", actions: (0..<7).map { action($0) }, unchanged: 2, limit: 5)
        let failed = TargetReport(target: "b@x", actions: [action(1, .failed)], unchanged: 0, error: "no mailbox")
        let empty = TargetReport(target: "c@x", actions: [], unchanged: 9)
        let jobs = [
            JobReport(
                job: "one",
                kind: .personalContacts,
                requests: RequestStats(total: 3, byKind: ["graph.batch": 2, "graph.list": 1], retries: 1),
                targets: [first, failed]
            ),
            JobReport(job: "none", kind: .mailContacts, error: "source read failed", targets: []),
            JobReport(job: "two", kind: .mailContacts, targets: [empty]),
        ]
        let report = RunReport(runId: "r1", startedAt: "s", finishedAt: "f", dryRun: true, jobs: jobs)
        let whole = ReportJSON.data(report)
        #expect(String(decoding: streamed(report), as: UTF8.self) == String(decoding: whole, as: UTF8.self))
        #expect(streamed(report) == whole)
        let noJobs = RunReport(runId: "r2", startedAt: "s", finishedAt: "f", dryRun: false, jobs: [])
        #expect(streamed(noJobs) == ReportJSON.data(noJobs))
    }
}
