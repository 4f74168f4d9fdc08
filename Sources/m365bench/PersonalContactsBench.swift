import Foundation
import M365Core
import M365Jobs
import M365Primitives
import M365Simulator
import M365State
import M365TestSupport

/// Personal contacts from empty, with no change (through the mirror and, side by side, read in full), after 1% of
/// users changed and after owners edited a contact in 1% of the mailboxes; with the anchor's model beside.
struct PersonalContactsBench {
    var options: BenchOptions

    func run() async throws {
        print("personal contacts: \(options.users) users into \(options.mailboxes) mailboxes (throttling off)")
        try await SimulatedDeployment.startBench(options).use { try await measure($0) }
    }

    private func measure(_ deployment: SimulatedDeployment) async throws {
        let mailboxes = try await deployment.mailboxAddresses()
        let job = try await deployment.personalContactsBenchJob("bench")
        let store = try StateStore(
            directory: deployment.directory.appending("bench-state"),
            logger: SimulatedDeployment.benchLogger
        )
        let incremental = try deployment.benchExecutor(stateStore: store)
        let withoutMirror = try deployment.benchExecutor()
        func phase(_ name: String, _ executor: JobExecutor? = nil) async -> (report: JobReport, figures: BenchFigures) {
            await BenchFigures.measure(
                name,
                executor: executor ?? incremental,
                job: job,
                logger: SimulatedDeployment.benchLogger
            )
        }

        let first = await phase("1. from empty")
        let people = first.report.targets.first?.counts.add ?? 0
        print(first.figures.printed())
        print(anchor("from empty", people: people, mailboxes: mailboxes.count, existing: 0, writes: people))

        let quiet = await phase("2. no change, through the mirror (delta queries)")
        print(quiet.figures.printed())
        let full = await phase("2b. no change, read in full (no mirror)", withoutMirror)
        print(full.figures.printed())
        print(Self.ratio(quiet.figures, full.figures, mailboxes: mailboxes.count))
        print(anchor("no change", people: people, mailboxes: mailboxes.count, existing: people, writes: 0))

        let changed = try await changeUsers(deployment, synced: first.report)
        let third = await phase("3. after 1% changed (\(changed) users)")
        print(third.figures.printed())
        print(anchor("1% changed", people: people, mailboxes: mailboxes.count, existing: people, writes: changed))

        let edited = try await editAsOwners(deployment, mailboxes: mailboxes)
        let fourth = await phase("4. after owners edited a contact in 1% of the mailboxes (\(edited) mailboxes)")
        print(fourth.figures.printed())
    }

    /// Changes the job title of 1% of the synced users; returns how many.
    private func changeUsers(_ deployment: SimulatedDeployment, synced report: JobReport) async throws -> Int {
        let tenantId = deployment.tenantId("contoso")
        let synced = Set(report.targets.first?.actions.map(\.sourceId) ?? [])
        let users = try await deployment.simulator.control.users(tenantId: tenantId).filter { synced.contains($0.id) }
        let changed = max(1, users.count / 100)
        for user in users.prefix(changed) {
            try await deployment.simulator.control.updateUser(tenantId: tenantId, user.id) { $0.jobTitle = "Changed" }
        }
        return changed
    }

    /// In 1% of the mailboxes, the owner changes the job title of one synced contact; returns how many mailboxes.
    private func editAsOwners(_ deployment: SimulatedDeployment, mailboxes: [String]) async throws -> Int {
        let control = deployment.simulator.control
        let edited = mailboxes.prefix(max(1, mailboxes.count / 100))
        for mailbox in edited {
            let contacts = try await control.contacts(inMailbox: mailbox)
            guard let synced = contacts.first(where: { $0["singleValueExtendedProperties"] != nil }),
                let id = synced["id"]?.stringValue
            else { continue }
            try await control.editContact(mailbox: mailbox, contactId: id, changes: ["jobTitle": "Edited by the owner"])
        }
        return edited.count
    }

    /// The no-change run through the mirror against the same run read in full.
    static func ratio(_ quiet: BenchFigures, _ full: BenchFigures, mailboxes: Int) -> String {
        let requests = Double(quiet.totalRequests) / Double(max(1, full.totalRequests))
        let wall = quiet.seconds / max(full.seconds, 0.000_001)
        return String(
            format: "  no change, mirror vs full read: requests %d vs %d (%.3f; %.2f per mailbox), wall %.2f s vs "
                + "%.2f s (%.3f)",
            quiet.totalRequests,
            full.totalRequests,
            requests,
            Double(quiet.totalRequests) / Double(max(1, mailboxes)),
            quiet.seconds,
            full.seconds,
            wall
        )
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
