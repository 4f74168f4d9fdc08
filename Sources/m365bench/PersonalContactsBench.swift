import Foundation
import Logging
import M365Client
import M365Core
import M365Curl
import M365Daemon
import M365Jobs
import M365Simulator
import M365TestSupport

/// Personal contacts from empty, with no change, then after 1% of users changed; with the anchor's model beside.
struct PersonalContactsBench {
    var options: BenchOptions

    func run() async throws {
        print("personal contacts: \(options.users) users into \(options.mailboxes) mailboxes (throttling off)")
        let deployment = try await SimulatedDeployment.start(
            tenants: [
                .init(
                    name: "contoso",
                    seed: TenantSeed(seed: 42, users: options.users, mailboxes: options.mailboxes, handMadeContacts: 0)
                )
            ],
            jobs: [:],
            options: SimulatorOptions(tls: false, requestLogLimit: 1000, throttling: .disabled)
        )
        try await deployment.use { try await measure($0) }
    }

    private func measure(_ deployment: SimulatedDeployment) async throws {
        let mailboxes = try await deployment.mailboxAddresses()
        let list = mailboxes.map { "\"\($0)\"" }.joined(separator: ", ")
        let json = """
            {"kind": "personalContacts", "schedule": {"interval": "1h"},
             "source": {"tenant": "contoso", "requireAssignedLicense": false},
             "target": {"mailboxes": [\(list)], "maxConcurrentMailboxes": 8},
             "safety": {"maxRemove": 100000, "maxRemovePercent": 100}}
            """
        try json.write(toFile: deployment.directory.appending("jobs.d/bench.json"), atomically: true, encoding: .utf8)
        let configuration = try ConfigurationLoader.load(directory: deployment.directory.path, environment: [:])
        guard let job = configuration.jobs.first(where: { $0.name == "bench" }) else {
            throw BenchmarkError(message: "the bench job was not loaded from \(deployment.directory.path)")
        }
        let executor = JobExecutor(
            environment: SyncEnvironment(configuration: configuration, transport: try HTTPTransport(), stateStore: nil)
        )
        let logger = Logger(label: "m365bench") { _ in SwiftLogNoOpLogHandler() }

        let first = await phase("1. from empty", executor, job, logger)
        let people = first.report.targets.first?.counts.add ?? 0
        print(first.figures.printed())
        print(anchor("from empty", people: people, mailboxes: mailboxes.count, existing: 0, writes: people))

        let second = await phase("2. no change", executor, job, logger)
        print(second.figures.printed())
        print(anchor("no change", people: people, mailboxes: mailboxes.count, existing: people, writes: 0))

        let tenantId = deployment.tenantId("contoso")
        let synced = Set(first.report.targets.first?.actions.map(\.sourceId) ?? [])
        let users = try await deployment.simulator.control.users(tenantId: tenantId).filter { synced.contains($0.id) }
        let changed = max(1, users.count / 100)
        for user in users.prefix(changed) {
            try await deployment.simulator.control.updateUser(tenantId: tenantId, user.id) { $0.jobTitle = "Changed" }
        }
        let third = await phase("3. after 1% changed (\(changed) users)", executor, job, logger)
        print(third.figures.printed())
        print(anchor("1% changed", people: people, mailboxes: mailboxes.count, existing: people, writes: changed))
    }

    private func anchor(_ phase: String, people: Int, mailboxes: Int, existing: Int, writes: Int) -> String {
        BenchFigures.anchorModel(
            phase: phase,
            people: people,
            mailboxes: mailboxes,
            existingPerMailbox: existing,
            writesPerMailbox: writes
        )
    }

    private func phase(
        _ name: String,
        _ executor: JobExecutor,
        _ job: JobDefinition,
        _ logger: Logger
    ) async -> (report: JobReport, figures: BenchFigures) {
        await BenchFigures.measure(name, executor: executor, job: job, logger: logger)
    }
}
