import Foundation
import Logging
import M365Client
import M365Core
import M365Curl
import M365Jobs
import M365Simulator
import M365State
import M365TestSupport
import Testing

/// Two simulated tenants (contoso → fabrikam) and a `mailContacts` job named `t2t` between them.
struct MailContactsFixture {
    let deployment: SimulatedDeployment
    let executor: JobExecutor

    var control: SimulatorControl { deployment.simulator.control }
    var source: String { deployment.tenantId("contoso") }
    var target: String { deployment.tenantId("fabrikam") }

    /// `target` and `safety` are extra JSON members for the job's objects; `jobs` adds or replaces job files.
    private static func start(
        target: String = "",
        safety: String = "",
        jobs: [String: String] = [:],
        throttling: ThrottlingOptions = .disabled
    ) async throws -> MailContactsFixture {
        var allJobs = ["t2t": job(from: "contoso", to: "fabrikam", target: target, safety: safety)]
        allJobs.merge(jobs) { $1 }
        let deployment = try await SimulatedDeployment.start(
            tenants: [
                .init(name: "contoso", seed: TenantSeed(seed: 1, users: 12, mailboxes: 0, handMadeContacts: 0)),
                .init(name: "fabrikam", seed: TenantSeed(seed: 2, users: 6, mailboxes: 0, handMadeContacts: 0)),
            ],
            jobs: allJobs,
            options: SimulatorOptions(tls: false, throttling: throttling)
        )
        let clientOptions = M365ClientOptions.quickRetries
        let environment = SyncEnvironment(
            configuration: deployment.configuration,
            transport: try HTTPTransport(),
            stateStore: try StateStore(directory: deployment.directory.appending("state"), logger: quietLogger),
            clientOptions: clientOptions
        )
        return MailContactsFixture(deployment: deployment, executor: JobExecutor(environment: environment))
    }

    /// A job file's JSON.
    static func job(from source: String, to target: String, target extra: String = "", safety: String = "") -> String {
        """
        {"kind": "mailContacts", "schedule": {"interval": "1h"},
         "source": {"tenant": "\(source)", "requireAssignedLicense": false},
         "target": {"tenant": "\(target)"\(extra.isEmpty ? "" : ", " + extra)},
         "safety": {\(safety.isEmpty ? "\"maxRemove\": 100, \"maxRemovePercent\": 100" : safety)}}
        """
    }

    func run(
        _ job: String = "t2t",
        dryRun: Bool = false,
        allowRemovals: Bool = false,
        logger: Logger = Self.quietLogger
    ) async -> JobReport {
        await executor.run(
            deployment.job(job),
            options: JobRunOptions(
                runID: UUID().uuidString,
                logger: logger,
                dryRun: dryRun,
                allowRemovals: allowRemovals
            )
        )
    }

    func clear(_ job: String = "t2t", dryRun: Bool = false, logger: Logger = Self.quietLogger) async -> JobReport {
        await executor.clear(
            deployment.job(job),
            mailboxes: [],
            removeFolder: false,
            options: JobRunOptions(runID: UUID().uuidString, logger: logger, dryRun: dryRun)
        )
    }

    /// The target tenant's mail contacts.
    func targetContacts() async throws -> [MailContact] {
        try await control.mailContacts(tenantId: target)
    }

    /// The mail contact with `email` in the target.
    func contact(_ email: String) async throws -> MailContact? {
        try await targetContacts().first { $0.externalEmailAddress.lowercased() == email.lowercased() }
    }

    /// Exchange cmdlets other than Get-* in the request log (the writes).
    func writeCmdlets() async -> [String] {
        await control.requestLog().compactMap(\.cmdlet).filter { !$0.lowercased().hasPrefix("get-") }
    }

    /// Another handle on the state store the job uses.
    func stateStore() throws -> StateStore {
        try StateStore(directory: deployment.directory.appending("state"), logger: Self.quietLogger)
    }

    static let quietLogger = Logger(label: "m365sync.test") { _ in SwiftLogNoOpLogHandler() }
}

extension MailContactsFixture {
    /// Source users the default job selects (enabled members with an address), sorted by id.
    func members() async throws -> [DirectoryUser] {
        try await control.users(tenantId: source).filter {
            $0.mail != nil && $0.accountEnabled && $0.userType == "Member" && $0.lifecycle == .active
        }.sorted { $0.id < $1.id }
    }

    /// Converged: one marked contact per eligible person, at their address, and no unmarked contact with a
    /// source person's address (an interrupted add left behind).
    func expectConverged(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let eligible = try await members()
        let contacts = try await targetContacts()
        for person in eligible {
            let theirs = contacts.filter { $0.fields["CustomAttribute15"] == "m365sync:t2t:\(person.id)" }
            #expect(
                theirs.count == 1,
                "\(person.displayName): \(theirs.count) contacts",
                sourceLocation: sourceLocation
            )
            #expect(
                theirs.first?.externalEmailAddress.lowercased() == person.mail?.lowercased(),
                sourceLocation: sourceLocation
            )
        }
        let marked = contacts.filter { $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true }
        #expect(marked.count == eligible.count, "no contact for anyone else", sourceLocation: sourceLocation)
        let sourceAddresses = Set(try await control.users(tenantId: source).compactMap { $0.mail?.lowercased() })
        let strays = contacts.filter {
            $0.fields["CustomAttribute15"] == nil && sourceAddresses.contains($0.externalEmailAddress.lowercased())
        }
        #expect(
            strays.isEmpty,
            "unmarked contacts left: \(strays.map(\.externalEmailAddress))",
            sourceLocation: sourceLocation
        )
    }

    /// A mail contact the job did not create, with `email`.
    @discardableResult
    func addForeignContact(name: String, email: String, marker: String? = nil) async throws -> MailContact {
        try await control.addMailContact(
            tenantId: target,
            MailContact(
                guid: "",
                name: name,
                alias: String(name.filter { $0.isLetter || $0.isNumber }.prefix(20)) + "x",
                displayName: name,
                externalEmailAddress: email,
                fields: marker.map { ["CustomAttribute15": $0] } ?? [:]
            )
        )
    }
}

extension MailContactsFixture: ScopedFixture {
    func tearDown() async { await deployment.stop() }

    /// Starts a fixture, runs `body` with it and stops the simulator whether `body` returned or threw.
    static func with<T>(
        target: String = "",
        safety: String = "",
        jobs: [String: String] = [:],
        throttling: ThrottlingOptions = .disabled,
        _ body: (MailContactsFixture) async throws -> T
    ) async throws -> T {
        try await start(target: target, safety: safety, jobs: jobs, throttling: throttling).use(body)
    }
}
