import Foundation
import M365Core
import M365Jobs
import M365Simulator
import M365TestSupport

/// Personal contacts from empty, with no change, then after 1% of users changed; with the anchor's model beside.
struct PersonalContactsBench {
    var options: BenchOptions

    func run() async throws {
        print("personal contacts: \(options.users) users into \(options.mailboxes) mailboxes (throttling off)")
        try await SimulatedDeployment.startBench(options).use { try await measure($0) }
    }

    private func measure(_ deployment: SimulatedDeployment) async throws {
        let mailboxes = try await deployment.mailboxAddresses()
        let job = try await deployment.personalContactsBenchJob("bench")
        let executor = try deployment.benchExecutor()
        func phase(_ name: String) async -> (report: JobReport, figures: BenchFigures) {
            await BenchFigures.measure(name, executor: executor, job: job, logger: SimulatedDeployment.benchLogger)
        }

        let first = await phase("1. from empty")
        let people = first.report.targets.first?.counts.add ?? 0
        print(first.figures.printed())
        print(anchor("from empty", people: people, mailboxes: mailboxes.count, existing: 0, writes: people))

        let second = await phase("2. no change")
        print(second.figures.printed())
        print(anchor("no change", people: people, mailboxes: mailboxes.count, existing: people, writes: 0))

        let tenantId = deployment.tenantId("contoso")
        let synced = Set(first.report.targets.first?.actions.map(\.sourceId) ?? [])
        let users = try await deployment.simulator.control.users(tenantId: tenantId).filter { synced.contains($0.id) }
        let changed = max(1, users.count / 100)
        for user in users.prefix(changed) {
            try await deployment.simulator.control.updateUser(tenantId: tenantId, user.id) { $0.jobTitle = "Changed" }
        }
        let third = await phase("3. after 1% changed (\(changed) users)")
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
}
