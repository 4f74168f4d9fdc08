import Foundation
import M365Core
import M365Jobs
import M365Simulator
import M365State
import M365TestSupport

/// `m365bench mail-contacts [COUNT]`: creates COUNT mail contacts in a simulated tenant, then re-runs unchanged.
enum MailContactsBench {
    static func measure(count: Int) async throws {
        let job = """
            {"kind": "mailContacts", "schedule": {"interval": "1h"},
             "source": {"tenant": "source", "requireAssignedLicense": false},
             "target": {"tenant": "target"}}
            """
        // Throttling off: the simulator's Exchange budget (10,000 requests per 600 s) would dominate the figures.
        let deployment = try await SimulatedDeployment.start(
            tenants: [
                .init(name: "source", seed: TenantSeed(seed: 11, users: 0, mailboxes: 0, handMadeContacts: 0)),
                .init(name: "target", seed: TenantSeed(seed: 12, users: 0, mailboxes: 0, handMadeContacts: 0)),
            ],
            jobs: ["bench": job],
            options: SimulatorOptions(tls: false, throttling: .disabled)
        )
        try await deployment.use { deployment in
            try await addUsers(count, to: deployment)
            try await runPhases(count, deployment)
        }
    }

    /// `count` directory users in the source tenant.
    private static func addUsers(_ count: Int, to deployment: SimulatedDeployment) async throws {
        guard let tenant = deployment.tenants["source"] else {
            throw BenchmarkError(message: "the simulated deployment has no source tenant")
        }
        for index in 0..<count {
            _ = try await deployment.simulator.control.addUser(
                tenantId: tenant.tenantId,
                DirectoryUser(
                    id: "",
                    userPrincipalName: "user\(index)@\(tenant.domain)",
                    displayName: "Bench User \(index)",
                    givenName: "Bench",
                    surname: "User \(index)",
                    mail: "user\(index)@\(tenant.domain)",
                    mailNickname: "user\(index)",
                    jobTitle: "Engineer",
                    department: "Dept \(index % 20)",
                    officeLocation: "Office \(index % 7)",
                    businessPhones: ["+1 555 \(10_000 + index)"],
                    city: "Springfield",
                    country: "United States"
                )
            )
        }
    }

    /// Runs the job three times (create; the run that reads back the records the create changed; no change)
    /// through the mirror, then once more without it, and prints each run's figures.
    private static func runPhases(_ count: Int, _ deployment: SimulatedDeployment) async throws {
        let store = try StateStore(
            directory: deployment.directory.appending("bench-state"),
            logger: SimulatedDeployment.benchLogger
        )
        let executor = try deployment.benchExecutor(stateStore: store)
        print("mail contacts: \(count) users of one tenant as mail contacts in another (throttling off)")
        let phases = ["1. create", "2. reads back the records the create changed", "3. no change"]
        for phase in phases {
            // WhenChangedUTC has whole seconds: let the simulated clock pass the create's second.
            await deployment.simulator.control.advanceClock(by: 2)
            let measured = await BenchFigures.measure(
                phase,
                executor: executor,
                job: deployment.job("bench"),
                logger: SimulatedDeployment.benchLogger
            )
            print(measured.figures.printed())
        }
        let full = await BenchFigures.measure(
            "3b. no change, without the mirror",
            executor: try deployment.benchExecutor(),
            job: deployment.job("bench"),
            logger: SimulatedDeployment.benchLogger
        )
        print(full.figures.printed())
    }
}
