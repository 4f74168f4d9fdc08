import Foundation
import M365Core
import M365Simulator
import M365TestSupport
import Testing

/// `m365sync plan`/`run` list at most 1,000 actions per target and say how many they left out; `--all-actions`
/// lists every one.
@Suite struct RunReportLimitBinaryTests {
    @Test("a target of more than 1,000 adds: the report lists 1,000, counts all, and --all-actions lists all")
    func reportsAreBoundedPerTarget() async throws {
        let seed = TenantSeed(seed: 5, users: 1_300, mailboxes: 1, handMadeContacts: 0)
        try await SimulatedDeployment.with(tenants: [.init(name: "contoso", seed: seed)], jobs: [:]) { deployment in
            let mailbox = try #require(try await deployment.mailboxAddresses().first)
            let job =
                #"{"kind": "personalContacts", "source": {"tenant": "contoso", "requireAssignedLicense": false}, "#
            try (job + #""target": {"mailboxes": ["\#(mailbox)"]}}"#)
                .write(toFile: deployment.directory.appending("jobs.d/people.json"), atomically: true, encoding: .utf8)
            let config = deployment.configurationPath

            let bounded = try await Self.plan(["--config", config, "--json"])
            let target = try #require(bounded.jobs.first?.targets.first)
            #expect(target.counts.add > 1_000, "the seed has more than 1,000 people")
            #expect(target.actions.count == 1_000)
            #expect(target.omittedActions == target.counts.add - 1_000)

            let complete = try await Self.plan(["--config", config, "--json", "--all-actions"])
            let every = try #require(complete.jobs.first?.targets.first)
            #expect(every.actions.count == target.counts.add)
            #expect(every.omittedActions == 0)
            #expect(Set(every.actions.map(\.sourceId)).isSuperset(of: target.actions.map(\.sourceId)))

            let table = try await BuiltProducts.run("m365sync", arguments: ["plan", "--config", config])
            #expect(table.status == 0, "\(table.standardError)")
            let lines = table.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("add ") }.count == 1_000)
            #expect(lines.last == "    … and \(target.omittedActions) more actions, counted above but not listed")
        }
    }

    static func plan(_ arguments: [String]) async throws -> RunReport {
        let plan = try await BuiltProducts.run("m365sync", arguments: ["plan"] + arguments)
        try #require(plan.status == 0, "\(plan.standardError)")
        return try JSONDecoder().decode(RunReport.self, from: Data(plan.standardOutput.utf8))
    }
}
