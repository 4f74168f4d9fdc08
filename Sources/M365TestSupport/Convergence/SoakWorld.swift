import Foundation
import Logging
import M365Client
import M365Core
import M365Curl
import M365Daemon
import M365Jobs
import M365Primitives
import M365Simulator
import M365State
import Synchronization

/// The tenant set a ``ConvergenceSoak`` plays in: contoso (users, two mailboxes) copied into its own mailboxes
/// (`pc`) and into fabrikam's address book (`t2t`), both jobs run together.
final class SoakWorld: Sendable {
    let configuration: ConvergenceSoak.Configuration
    let deployment: SimulatedDeployment
    let executor: JobExecutor
    let mailboxes: [String]
    /// Contacts people made before the first run and during the rounds, by mailbox and id: never to change.
    let handMade: Mutex<[String: [String: JSONValue]]>
    /// Mail contacts in fabrikam the jobs do not own: never to change.
    let foreign: [MailContact]
    /// Addresses source people had before a round changed them (an unmarked contact at one is a leftover too).
    let formerAddresses = Mutex<Set<String>>([])

    var control: SimulatorControl { deployment.simulator.control }
    var source: String { deployment.tenantId("contoso") }
    var target: String { deployment.tenantId("fabrikam") }

    private init(
        configuration: ConvergenceSoak.Configuration,
        deployment: SimulatedDeployment,
        executor: JobExecutor,
        mailboxes: [String],
        handMade: [String: [String: JSONValue]],
        foreign: [MailContact]
    ) {
        self.configuration = configuration
        self.deployment = deployment
        self.executor = executor
        self.mailboxes = mailboxes
        self.handMade = Mutex(handMade)
        self.foreign = foreign
    }

    /// Starts the tenant set, runs `body` in it and stops the simulator whether `body` returned or threw.
    static func with<T>(
        _ configuration: ConvergenceSoak.Configuration,
        _ body: (SoakWorld) async throws -> T
    ) async throws -> T {
        try await SimulatedDeployment.with(
            tenants: tenants(configuration),
            jobs: [:],
            options: SimulatorOptions(tls: false, throttling: .disabled)
        ) { deployment in
            let mailboxes = try await deployment.mailboxAddresses()
            try writeJobs(into: deployment, mailboxes: mailboxes)
            var handMade: [String: [String: JSONValue]] = [:]
            for mailbox in mailboxes { handMade[mailbox] = try await deployment.contactsById(mailbox) }
            let world = SoakWorld(
                configuration: configuration,
                deployment: deployment,
                executor: try makeExecutor(deployment),
                mailboxes: mailboxes,
                handMade: handMade,
                foreign: try await addForeignContacts(deployment)
            )
            return try await body(world)
        }
    }

    /// contoso (the source, with mailboxes and hand-made contacts) and fabrikam (the address book).
    private static func tenants(_ configuration: ConvergenceSoak.Configuration) -> [SimulatedDeployment.Tenant] {
        [
            .init(
                name: "contoso",
                seed: TenantSeed(
                    seed: configuration.seed,
                    users: configuration.users,
                    mailboxes: configuration.mailboxes,
                    orgContacts: 0,
                    handMadeContacts: 2
                )
            ),
            .init(
                name: "fabrikam",
                seed: TenantSeed(seed: configuration.seed &+ 1, users: 4, mailboxes: 0, handMadeContacts: 0)
            ),
        ]
    }

    /// `jobs.d/pc.json` (contoso into its mailboxes) and `jobs.d/t2t.json` (contoso into fabrikam).
    private static func writeJobs(into deployment: SimulatedDeployment, mailboxes: [String]) throws {
        let source = #""tenant": "contoso", "requireAssignedLicense": false, "requireEmailAddress": true"#
        let safety = #""safety": {"maxRemove": 100000, "maxRemovePercent": 100}"#
        let targets = mailboxes.map { "\"\($0)\"" }.joined(separator: ", ")
        let jobs = [
            "pc": """
            {"kind": "personalContacts", "schedule": {"interval": "1h"}, "source": {\(source)},
             "target": {"mailboxes": [\(targets)], "folder": "Directory"}, \(safety)}
            """,
            "t2t": """
            {"kind": "mailContacts", "schedule": {"interval": "1h"}, "source": {\(source)},
             "target": {"tenant": "fabrikam"}, \(safety)}
            """,
        ]
        for (name, json) in jobs {
            try json.write(
                toFile: deployment.directory.appending("jobs.d/\(name).json"),
                atomically: true,
                encoding: .utf8
            )
        }
    }

    /// Two mail contacts in fabrikam that the jobs do not own.
    private static func addForeignContacts(_ deployment: SimulatedDeployment) async throws -> [MailContact] {
        var foreign: [MailContact] = []
        for index in 1...2 {
            foreign.append(
                try await deployment.simulator.control.addMailContact(
                    tenantId: deployment.tenantId("fabrikam"),
                    MailContact(
                        guid: "",
                        name: "Partner \(index)",
                        alias: "partner\(index)x",
                        displayName: "Partner \(index)",
                        externalEmailAddress: "partner\(index)@elsewhere.example"
                    )
                )
            )
        }
        return foreign
    }

    private static func makeExecutor(_ deployment: SimulatedDeployment) throws -> JobExecutor {
        var options = M365ClientOptions()
        options.retryPolicy.baseDelay = .milliseconds(5)
        options.retryPolicy.maxDelay = .milliseconds(50)
        let configuration = try ConfigurationLoader.load(directory: deployment.directory.path, environment: [:])
        let environment = SyncEnvironment(
            configuration: configuration,
            transport: try HTTPTransport(),
            stateStore: try StateStore(directory: deployment.directory.appending("state"), logger: quietLogger),
            clientOptions: options
        )
        return JobExecutor(environment: environment)
    }

    /// Both jobs once, in this process.
    @discardableResult
    func runInline() async throws -> [JobReport] {
        let configuration = try ConfigurationLoader.load(directory: deployment.directory.path, environment: [:])
        var reports: [JobReport] = []
        for job in configuration.jobs.sorted(by: { $0.name < $1.name }) {
            let options = JobRunOptions(runID: UUID().uuidString, logger: Self.quietLogger)
            reports.append(await executor.run(job, options: options))
        }
        return reports
    }

    /// `m365sync run` (both jobs) as a child process, killed with SIGKILL once `writes` more writes (any request
    /// but a read or a token) have been logged; true when the kill came before the run ended by itself.
    func runKilled(afterWrites writes: Int) async throws -> Bool {
        let base = await control.requestLog().last?.sequence ?? 0
        let child = try await KillableProcess.start(
            "m365sync",
            arguments: ["run", "--config", deployment.configurationPath]
        )
        let control = self.control
        let seen = Atomic<Int>(0)
        let reached = Task {
            await control.waitForRequest(timeout: .seconds(120)) { entry in
                guard entry.sequence > base, Self.isWrite(entry) else { return false }
                return seen.add(1, ordering: .relaxed).newValue >= writes
            }
        }
        // A run that ends before the chosen write stops the wait.
        child.whenExited { reached.cancel() }
        if await reached.value != nil {
            return try await offCooperativePool { child.kill9() }
        }
        _ = try await offCooperativePool { child.waitForExit() }
        return false
    }

    /// A request that changes something: not a read, not a token.
    static func isWrite(_ entry: RequestLogEntry) -> Bool {
        if let cmdlet = entry.cmdlet { return !cmdlet.lowercased().hasPrefix("get-") }
        return entry.method != "GET" && entry.endpoint != "token" && entry.endpoint != "exchange.invoke"
    }

    static let quietLogger = Logger(label: "m365sync.soak") { _ in SwiftLogNoOpLogHandler() }
}
