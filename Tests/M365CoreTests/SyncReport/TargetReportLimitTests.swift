import Foundation
import M365Core
import M365Primitives
import Testing

@Suite struct TargetReportLimitTests {
    func actions(
        _ count: Int,
        _ kind: ActionReport.Kind = .add,
        _ status: ActionReport.Status = .applied
    )
        -> [ActionReport]
    {
        (0..<count).map {
            ActionReport(
                action: kind,
                sourceId: "\(kind)-\($0)",
                displayName: "P\($0)",
                email: "p\($0)@x",
                status: status
            )
        }
    }

    @Test func listsAtMostTheLimitAndCountsEveryAction() {
        let report = TargetReport(target: "m@x", actions: actions(2_500), unchanged: 3, limit: 1_000)
        #expect(report.actions.count == 1_000)
        #expect(report.omittedActions == 1_500)
        #expect(report.counts == ActionCounts(add: 2_500, unchanged: 3))
        #expect(report.tally[.add, .applied] == 2_500)
        #expect(report.actions.map(\.sourceId) == actions(1_000).map(\.sourceId), "the first ones, in order")
    }

    @Test func withoutALimitEveryActionIsListed() {
        let report = TargetReport(target: "m@x", actions: actions(2_500), unchanged: 0, limit: nil)
        #expect(report.actions.count == 2_500)
        #expect(report.omittedActions == 0)
    }

    @Test func theDefaultLimitIsAThousandAndATaskCanLiftIt() async {
        #expect(TargetReport.actionLimit == 1_000)
        #expect(TargetReport(target: "m@x", actions: actions(1_001), unchanged: 0).omittedActions == 1)
        let lifted = await TargetReport.$actionLimit.withValue(nil) {
            await Task { TargetReport(target: "m@x", actions: actions(1_001), unchanged: 0) }.value
        }
        #expect(lifted.actions.count == 1_001)
        let child = await withTaskGroup(of: Int.self) { group in
            await TargetReport.$actionLimit.withValue(2) {
                group.addTask { TargetReport(target: "m@x", actions: actions(5), unchanged: 0).actions.count }
                return await group.next() ?? -1
            }
        }
        #expect(child == 2, "a child task of the run sees the run's limit")
    }

    @Test func failuresAreListedBeforeSuccesses() {
        let mixed =
            actions(5) + actions(2, .update, .failed) + actions(3, .remove, .applied) + actions(1, .remove, .blocked)
        let report = TargetReport(target: "m@x", actions: mixed, unchanged: 0, limit: 4)
        #expect(report.actions.map(\.sourceId) == ["add-0", "update-0", "update-1", "remove-0"])
        #expect(report.omittedActions == 7)
        #expect(report.status == .partial, "derived from every action, not the listed ones")
        #expect(report.counts.failed == 2 && report.counts.blocked == 1 && report.counts.add == 5)
        #expect(report.tally[.remove, .applied] == 3)
        let onlyProblems = TargetReport(target: "m@x", actions: mixed, unchanged: 0, limit: 2)
        #expect(onlyProblems.actions.map(\.sourceId) == ["update-0", "update-1"])
    }

    @Test func theJSONSaysHowManyWereLeftOut() throws {
        let report = TargetReport(target: "m@x", actions: actions(3), unchanged: 0, limit: 1)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        let json = try #require(try JSONDecoder().decode(JSONValue.self, from: data).objectValue)
        #expect(Set(json.keys) == ["target", "status", "counts", "actions", "omittedActions", "error"])
        #expect(json["omittedActions"] == 2)
        #expect(json["error"] == .null)
        #expect(json["actions"]?.arrayValue?.count == 1)
        let complete = try JSONDecoder().decode(
            JSONValue.self,
            from: encoder.encode(
                TargetReport(target: "m@x", actions: actions(1), unchanged: 0)
            )
        )
        #expect(complete.objectValue?["omittedActions"] == 0, "always present")
        let decoded = try JSONDecoder().decode(TargetReport.self, from: data)
        #expect(decoded.omittedActions == 2 && decoded.counts.add == 3 && decoded.actions.count == 1)
    }

    @Test func aReportWithoutTheKeyOmittedNothing() throws {
        let json =
            #"{"target": "m@x", "status": "succeeded", "counts": {"add": 1, "update": 0, "remove": 0, "#
            + #""unchanged": 0, "failed": 0, "skipped": 0, "blocked": 0}, "actions": [], "error": null}"#
        let decoded = try JSONDecoder().decode(TargetReport.self, from: Data(json.utf8))
        #expect(decoded.omittedActions == 0)
    }

    @Test func theTableSaysHowManyMoreThereAre() {
        let target = TargetReport(target: "m@x", actions: actions(3), unchanged: 0, limit: 1)
        let job = JobReport(job: "directory", kind: .personalContacts, targets: [target])
        let run = RunReport(runId: "r", startedAt: "s", finishedAt: "f", dryRun: false, jobs: [job])
        let lines = ReportTableRenderer().render(run).split(separator: "\n").map(String.init)
        #expect(
            lines.contains("  m@x: succeeded, 3 add, 0 update, 0 remove, 0 unchanged, 0 failed, 0 skipped, 0 blocked")
        )
        #expect(lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("add ") }.count == 1)
        #expect(lines.last == "    … and 2 more actions, counted above but not listed")
        let none = TargetReport(target: "m@x", actions: actions(3), unchanged: 0, limit: 0)
        let text = ReportTableRenderer().render(
            RunReport(
                runId: "r",
                startedAt: "s",
                finishedAt: "f",
                dryRun: false,
                jobs: [
                    JobReport(job: "directory", kind: .personalContacts, targets: [none])
                ]
            )
        )
        #expect(!text.contains("ACTION"))
        #expect(text.contains("    … and 3 more actions, counted above but not listed"))
    }

    @Test func aLogFedOneActionAtATimeKeepsTheSameListAndCountsAndStatus() {
        let mixed =
            actions(1_500) + actions(3, .update, .failed) + actions(700, .remove, .applied) + actions(1, .add, .skipped)
        var log = ActionLog(limit: 1_000)
        for action in mixed { log.append(action) }
        let fromLog = TargetReport(target: "m@x", log: log, unchanged: 2)
        let whole = TargetReport(target: "m@x", actions: mixed, unchanged: 2, limit: 1_000)
        #expect(log.count == 2_204)
        #expect(fromLog.actions.count == 1_000 && fromLog.actions == whole.actions)
        #expect(fromLog.actions.filter { $0.status.rawValue != "applied" }.count == 4, "every problem is listed")
        #expect(fromLog.counts == ActionCounts(add: 1_500, remove: 700, unchanged: 2, failed: 3, skipped: 1))
        #expect(fromLog.omittedActions == 1_204 && fromLog.status == .partial)
        var failedOnly = ActionLog(limit: 1)
        failedOnly.append(contentsOf: actions(2, .add, .failed))
        #expect(TargetReport(target: "m@x", log: failedOnly, unchanged: 0).status == .failed)
    }
}
