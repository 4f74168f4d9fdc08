import Foundation
import Logging
import M365Core
import M365Curl
import M365Daemon
import M365Logging
import M365State

/// The demo: a simulated tenant, a plan, the apply, a directory change, and the next run.
struct DemoScenario {
    let console: Console
    let simulatorExecutable: URL
    let keep: Bool
    /// A pause after each step, for someone presenting the demo.
    var pause: Duration = .zero

    func run() async throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("m365sync-demo-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer {
            if keep {
                console.output("Kept \(root.path)")
            } else {
                try? FileManager.default.removeItem(at: root)
            }
        }
        try await SimulatorProcess.run(
            executable: simulatorExecutable,
            arguments: [
                "--tls", "--seed", "7", "--tenants", "2", "--users", "24", "--mailboxes", "3", "--org-contacts", "3",
                "--groups", "2",
                "--state-dir", root.appendingPathComponent("simulator").path,
            ]
        ) { simulator in
            let keep = keep
            let interruption = DemoInterruption {
                simulator.stopNow()
                if !keep { try? FileManager.default.removeItem(at: root) }
            }
            defer { interruption.cancel() }
            try await play(root: root, simulator: simulator.info)
        }
    }

    private func play(root: URL, simulator: SimulatorProcess.Info) async throws {
        guard let tenant = simulator.tenants.first, let partner = simulator.tenants.dropFirst().first else {
            throw DemoError("m365sim reported fewer than two tenants")
        }
        let mailboxes = Array(tenant.mailboxUserIds.prefix(3))
        let directory = try DemoConfiguration.write(root: root, simulator: simulator, mailboxes: mailboxes)
        let configuration: LoadedConfiguration
        do {
            configuration = try ConfigurationLoader.load(directory: directory.path, environment: [:])
        } catch {
            throw DemoError("the demo configuration is invalid:\n\(error)")
        }
        let logger = try LogBackends(configuration: configuration.global.logging, label: "m365sync", interactive: false)
            .makeLogger()
        let transport = try HTTPTransport()
        defer { transport.shutdown() }
        let session = DemoSession(
            configuration: configuration,
            stateStore: try StateStore(directory: configuration.global.stateDirectory, logger: logger),
            transport: transport,
            logger: logger
        )
        let control = SimulatorControlClient(
            transport: transport,
            baseURL: simulator.baseURL,
            caFile: simulator.caFile,
            tenant: tenant.tenantId
        )
        console.output(
            """
            m365sync demo
            Simulated tenants \(tenant.domain) and \(partner.domain) at \(simulator.baseURL) (HTTPS with its own CA).
            Job '\(DemoConfiguration.jobName)': directory users and org contacts of \(tenant.domain) into the folder \
            'Company Directory' of \(mailboxes.count) mailboxes.
            Job '\(DemoConfiguration.tenantToTenantJobName(from: tenant, to: partner))': the users of \(tenant.domain) as mail contacts \
            in the address book of \(partner.domain).
            Configuration: \(directory.path)

            """
        )
        try await playSteps(session: session, control: control, domain: tenant.domain, root: root)
    }

    /// The five steps: plan, apply, a directory change, the run that picks it up, a run that writes nothing.
    private func playSteps(
        session: DemoSession,
        control: SimulatorControlClient,
        domain: String,
        root: URL
    ) async throws {
        console.output("1. Plan: what a first run would do (nothing is written).")
        let plan = try await session.run(dryRun: true)
        console.output(DemoSummary.counts(plan))
        try await pauseAfterStep()

        console.output("2. Apply.")
        let first = try await session.run(dryRun: false)
        console.output(DemoSummary.counts(first))
        try await pauseAfterStep()

        let change = try await DemoDirectoryChange.make(control: control, domain: domain, after: first)
        console.output("3. The directory changes:\n" + change.lines.map { "   - \($0)" }.joined(separator: "\n"))
        try await pauseAfterStep()

        console.output("\n4. The next run picks them up:")
        let second = try await session.run(dryRun: false)
        console.output(ReportTableRenderer().render(second))
        try await pauseAfterStep()

        console.output("5. A run with no change writes nothing:")
        let third = try await session.run(dryRun: false)
        console.output(DemoSummary.counts(third))
        console.output(
            "The audit trail of these runs went to \(root.appendingPathComponent("m365sync.log").path);"
                + " the demo removes its temporary folder when it ends."
        )
    }
}

extension DemoScenario {
    fileprivate func pauseAfterStep() async throws {
        if pause > .zero { try await Task.sleep(for: pause) }
    }
}

/// Runs the demo job through the same path as `m365sync run`.
struct DemoSession: Sendable {
    let configuration: LoadedConfiguration
    let stateStore: StateStore
    let transport: HTTPTransport
    let logger: Logger

    func run(dryRun: Bool) async throws -> RunReport {
        let (report, _) = await ReportedRun(
            configuration: configuration,
            stateStore: stateStore,
            lockOwner: "m365sync demo"
        )
        .perform(configuration.jobs, logger: logger, dryRun: dryRun, allowRemovals: false, console: Console()) {
            SyncJobRunner(transport: transport, onReport: $0)
        }
        if let failure = report.jobs.first(where: { $0.status == .failed }) {
            throw DemoError(
                "the demo job failed: \(failure.error ?? failure.targets.compactMap(\.error).first ?? "unknown")"
            )
        }
        return report
    }
}
