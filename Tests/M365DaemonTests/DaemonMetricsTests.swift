import Foundation
import M365Core
import M365Simulator
import M365State
import M365TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The daemon binary writes node_exporter's textfile at start and after a real run against the simulator;
/// Prometheus's own `promtool` accepts it.
@Suite struct DaemonMetricsTests {
    @Test("metrics file at start and after a run: promtool accepts it and the values match the run")
    func metricsAfterARun() async throws {
        let folder = try ScratchDirectory(prefix: "m365sync-metrics")
        let textfile = folder.appending("m365sync.prom")
        try await SimulatedDeployment.with(
            tenants: [.init(name: "contoso", seed: TenantSeed(seed: 3, users: 6, mailboxes: 1, handMadeContacts: 0))],
            jobs: [:],
            globalMembers: #""metrics": {"textfile": "\#(textfile)"}, "#
        ) { deployment in
            let mailbox = try #require(try await deployment.mailboxAddresses().first)
            let job =
                #"{"kind": "personalContacts", "schedule": {"runOnStart": false}, "source": {"tenant": "contoso"}, "#
            try (job + #""target": {"mailboxes": ["\#(mailbox)"]}}"#)
                .write(toFile: deployment.directory.appending("jobs.d/people.json"), atomically: true, encoding: .utf8)
            let daemon = try await DaemonProcess.start(
                configDirectory: deployment.configurationPath,
                scratch: deployment.directory,
                umask: "077"
            )
            try #require(
                (try await daemon.waitFor("READY", "1")) != nil,
                "\(daemon.standardError)"
            )

            let atStart = try Self.lines(textfile)
            #expect(atStart.contains { $0.hasPrefix(#"m365sync_build_info{version=""#) && $0.hasSuffix("} 1.0") })
            #expect(atStart.contains { $0.hasPrefix(#"m365sync_job_next_run_timestamp_seconds{job="people"} "#) })
            #expect(!atStart.contains { $0.hasPrefix("m365sync_job_last_run_status{") }, "nothing ran yet")

            daemon.send(SIGUSR1)
            let status = try await daemon.waitForStatus { $0.contains("last: people succeeded") }
            try #require(status != nil, "\(daemon.standardError)")
            let store = try #require(try StateStore.openForReading(directory: deployment.directory.appending("state")))
            let run = try #require(try store.lastRun(job: "people"))
            let added = try #require(run.outcome?.counts.add)
            #expect(added > 0)

            try await Self.expectPromtoolAccepts(textfile)
            let afterRun = try Self.lines(textfile)
            for expected in [
                #"m365sync_job_last_run_status{job="people",status="succeeded"} 1.0"#,
                #"m365sync_job_last_run_status{job="people",status="failed"} 0.0"#,
                #"m365sync_actions_total{job="people",action="add",status="applied"} \#(added)"#,
                #"m365sync_job_runs_total{job="people",status="succeeded"} 1"#,
                #"m365sync_removals_blocked_total{job="people"} 0"#,
                "m365sync_job_last_success_timestamp_seconds{job=\"people\"} \(run.finishedAt!.timeIntervalSince1970)",
                "m365sync_job_last_run_start_timestamp_seconds{job=\"people\"} \(run.startedAt.timeIntervalSince1970)",
            ] {
                #expect(afterRun.contains(expected), "missing \(expected)")
            }
            #expect(
                afterRun.contains {
                    $0.hasPrefix(#"m365sync_requests_total{job="people",service="graph",kind="graph."#)
                }
            )
            let mode = try FileManager.default.attributesOfItem(atPath: textfile)[.posixPermissions] as? Int
            #expect(mode == 0o644, "node_exporter must be able to read it under UMask=0077")

            daemon.send(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: .seconds(30)) == 0)
            let afterStop = try Self.lines(textfile)
            #expect(
                !afterStop.contains { $0.hasPrefix("m365sync_job_next_run_timestamp_seconds{") },
                "nothing scheduled"
            )
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["m365sync.prom"])
        }
    }

    static func lines(_ path: String) throws -> [String] {
        try TextFile.read(path).split(separator: "\n").map(String.init)
    }

    /// `promtool check metrics < path` exits 0 and says nothing (it lists lint problems otherwise).
    static func expectPromtoolAccepts(_ path: String) async throws {
        let result = try await BuiltProducts.runExecutable(
            URL(fileURLWithPath: "/usr/bin/promtool"),
            arguments: ["check", "metrics"],
            standardInput: try TextFile.read(path)
        )
        let text = result.standardOutput + result.standardError
        #expect(result.status == 0, "promtool: \(text)")
        #expect(text.isEmpty, "promtool: \(text)")
    }
}
