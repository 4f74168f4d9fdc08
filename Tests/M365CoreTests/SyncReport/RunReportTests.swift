import Foundation
import M365Core
import M365Primitives
import Testing

@Suite struct RunReportTests {
    func action(_ kind: ActionReport.Kind, _ status: ActionReport.Status) -> ActionReport {
        ActionReport(action: kind, sourceId: "s", displayName: "Ann", email: "a@x.com", status: status)
    }

    @Test func countsFollowStatuses() {
        let actions = [
            action(.add, .applied), action(.add, .planned), action(.update, .applied), action(.remove, .failed),
            action(.remove, .blocked), action(.update, .skipped),
        ]
        let counts = ActionCounts(actions: actions, unchanged: 7)
        #expect(counts == ActionCounts(add: 2, update: 1, remove: 0, unchanged: 7, failed: 1, skipped: 1, blocked: 1))
    }

    @Test func targetStatusRules() {
        #expect(TargetReport(target: "t", actions: [action(.add, .applied)], unchanged: 0).status == .succeeded)
        #expect(TargetReport(target: "t", actions: [], unchanged: 0, error: "no mailbox").status == .failed)
        #expect(TargetReport(target: "t", actions: [action(.add, .failed)], unchanged: 3).status == .failed)
        let partial = [action(.add, .failed), action(.add, .applied), action(.remove, .blocked)]
        #expect(TargetReport(target: "t", actions: partial, unchanged: 0).status == .partial)
        let blocked = [action(.add, .applied), action(.remove, .blocked)]
        #expect(TargetReport(target: "t", actions: blocked, unchanged: 0).status == .blockedBySafety)
        #expect(TargetReport(target: "t", actions: [action(.remove, .planned)], unchanged: 0).status == .succeeded)
    }

    @Test func jobStatusRules() {
        #expect(SyncStatus.derive(job: [], error: nil) == .succeeded)
        #expect(SyncStatus.derive(job: [.succeeded], error: "source read failed") == .failed)
        #expect(SyncStatus.derive(job: [.failed, .failed], error: nil) == .failed)
        #expect(SyncStatus.derive(job: [.failed, .succeeded], error: nil) == .partial)
        #expect(SyncStatus.derive(job: [.partial, .blockedBySafety], error: nil) == .partial)
        #expect(SyncStatus.derive(job: [.skipped, .succeeded], error: nil) == .succeeded)
        #expect(SyncStatus.derive(job: [.skipped, .failed], error: nil) == .failed)
        #expect(SyncStatus.derive(job: [.skipped, .blockedBySafety], error: nil) == .blockedBySafety)
        #expect(SyncStatus.derive(job: [.blockedBySafety, .succeeded], error: nil) == .blockedBySafety)
    }

    @Test func exitCodes() {
        #expect(RunReport.exitCode(for: []) == 0)
        #expect(RunReport.exitCode(for: [.succeeded]) == 0)
        #expect(RunReport.exitCode(for: [.blockedBySafety, .succeeded]) == 3)
        #expect(RunReport.exitCode(for: [.blockedBySafety, .failed]) == 1)
        #expect(RunReport.exitCode(for: [.partial]) == 1)
    }

    var sample: RunReport {
        let target = TargetReport(
            target: "alice@contoso.com",
            actions: [
                ActionReport(
                    action: .update,
                    sourceId: "u1",
                    displayName: "Ann Lee",
                    email: "ann@contoso.com",
                    changes: ["jobTitle": ValueChange(old: "Rep", new: "Lead")],
                    status: .applied
                ),
                action(.remove, .blocked).with(status: .blocked, error: "removals blocked"),
            ],
            unchanged: 4
        )
        let job = JobReport(
            job: "directory",
            kind: .personalContacts,
            requests: RequestStats(total: 3, byKind: ["graph.batch": 1], retries: 1, throttled: 0),
            targets: [target]
        )
        return RunReport(
            runId: "r1",
            startedAt: "2026-11-29T10:00:00Z",
            finishedAt: "2026-11-29T10:00:05Z",
            dryRun: false,
            jobs: [job]
        )
    }

    @Test func jsonUsesTheIssueKeysWithExplicitNulls() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(sample)
        let json = try JSONDecoder().decode(JSONValue.self, from: data).objectValue!
        #expect(Set(json.keys) == ["runId", "startedAt", "finishedAt", "dryRun", "jobs"])
        let job = json["jobs"]!.arrayValue![0].objectValue!
        #expect(Set(job.keys) == ["job", "kind", "status", "error", "requests", "targets"])
        #expect(job["error"] == .null)
        #expect(job["kind"] == "personalContacts")
        #expect(job["status"] == "blockedBySafety")
        #expect(Set(job["requests"]!.objectValue!.keys) == ["total", "byKind", "retries", "throttled"])
        let target = job["targets"]!.arrayValue![0].objectValue!
        #expect(
            target["counts"] == [
                "add": 0, "update": 1, "remove": 0, "unchanged": 4, "failed": 0, "skipped": 0, "blocked": 1,
            ]
        )
        let update = target["actions"]!.arrayValue![0].objectValue!
        #expect(Set(update.keys) == ["action", "sourceId", "displayName", "email", "changes", "status", "error"])
        #expect(update["changes"] == ["jobTitle": ["old": "Rep", "new": "Lead"]])
        #expect(update["error"] == .null)
        let decoded = try JSONDecoder().decode(RunReport.self, from: data)
        #expect(decoded == sample)
    }

    @Test func tableShowsActionsPerMailbox() {
        let text = ReportTableRenderer().render(sample)
        #expect(text.contains("job directory (personalContacts): blockedBySafety"))
        #expect(
            text.contains(
                "alice@contoso.com: blockedBySafety, 0 add, 1 update, 0 remove, 4 unchanged, 0 failed, 0 skipped, 1 blocked"
            )
        )
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines.first { $0.contains("ACTION") }!
        #expect(header.trimmingCharacters(in: .whitespaces).hasPrefix("ACTION  CONTACT  EMAIL"))
        #expect(lines.contains { $0.contains("update  Ann Lee  ann@contoso.com  jobTitle  applied") })
        #expect(lines.contains { $0.contains("blocked: removals blocked") })
        #expect(text.hasSuffix("\n"))
    }

    @Test func longCellsAreCut() {
        let renderer = ReportTableRenderer(maxCellWidth: 5)
        #expect(renderer.cut("abcdefgh") == "abcd…")
        #expect(renderer.cut("abc") == "abc")
    }
}
