import Foundation
import M365Core
import M365Simulator
import M365State
import M365TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A daemon run of more actions than a report lists: the daemon keeps none of them listed, yet its metrics count
/// every one.
@Suite struct DaemonLargeRunTests {
    @Test("a run of more than 1,000 adds: the metrics count them all")
    func metricsCountEveryAction() async throws {
        let folder = try ScratchDirectory(prefix: "m365sync-large-run")
        let textfile = folder.appending("m365sync.prom")
        let seed = TenantSeed(seed: 5, users: 1_300, mailboxes: 1, handMadeContacts: 0)
        try await SimulatedDeployment.with(
            tenants: [.init(name: "contoso", seed: seed)],
            jobs: [:],
            globalMembers: #""metrics": {"textfile": "\#(textfile)"}, "#
        ) { deployment in
            let mailbox = try #require(try await deployment.mailboxAddresses().first)
            let job =
                #"{"kind": "personalContacts", "schedule": {"runOnStart": false}, "#
                + #""source": {"tenant": "contoso", "requireAssignedLicense": false}, "#
            try (job + #""target": {"mailboxes": ["\#(mailbox)"]}}"#)
                .write(toFile: deployment.directory.appending("jobs.d/people.json"), atomically: true, encoding: .utf8)
            let daemon = try await DaemonProcess.start(
                configDirectory: deployment.configurationPath,
                scratch: deployment.directory
            )
            try #require((try await daemon.waitFor("READY", "1")) != nil, "\(daemon.standardError)")

            daemon.send(SIGUSR1)
            let status = try await daemon.waitForStatus(timeout: .seconds(120)) { $0.contains("last: people ") }
            #expect(status?.contains("last: people succeeded") == true, "\(status ?? "") \(daemon.standardError)")
            // The metrics file is final once the daemon has stopped (it writes it last on the way out).
            daemon.send(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: .seconds(30)) == 0)
            let store = try #require(try StateStore.openForReading(directory: deployment.directory.appending("state")))
            let added = try #require(try store.lastRun(job: "people")?.outcome?.counts.add)
            #expect(added > TargetReport.defaultActionLimit)
            let metrics = try TextFile.read(textfile).split(separator: "\n").map(String.init)
            let line = #"m365sync_actions_total{job="people",action="add",status="applied"} \#(added)"#
            #expect(metrics.contains(line), "missing \(line)")
        }
    }
}
