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
import M365TestSupport
import Testing

/// One simulated tenant (contoso) and a `personalContacts` job named `pc` into its mailboxes.
struct PersonalContactsFixture {
    let deployment: SimulatedDeployment
    let executor: JobExecutor
    /// The mailboxes of the tenant (UPNs), in creation order.
    let mailboxes: [String]
    /// Every contact present before the first run: all made by people, never to be changed.
    let handMade: [String: [String: JSONValue]]

    var control: SimulatorControl { deployment.simulator.control }
    var tenant: String { deployment.tenantId("contoso") }

    /// `source`, `target` and `safety` are extra JSON members of the job's objects; `top` of the job itself.
    private static func start(
        users: Int = 12,
        mailboxes: Int = 2,
        orgContacts: Int = 2,
        groups: Int = 0,
        handMadeContacts: Int = 3,
        source: String = "",
        target: String? = nil,
        safety: String = "",
        top: String = "",
        throttling: ThrottlingOptions = .disabled
    ) async throws -> PersonalContactsFixture {
        let deployment = try await SimulatedDeployment.start(
            tenants: [
                .init(
                    name: "contoso",
                    seed: TenantSeed(
                        seed: 7,
                        users: users,
                        mailboxes: mailboxes,
                        orgContacts: orgContacts,
                        groups: groups,
                        handMadeContacts: handMadeContacts
                    )
                )
            ],
            jobs: [:],
            options: SimulatorOptions(tls: false, throttling: throttling)
        )
        let addresses = try await deployment.mailboxAddresses()
        var handMade: [String: [String: JSONValue]] = [:]
        for mailbox in addresses { handMade[mailbox] = try await deployment.contactsById(mailbox) }
        let targetJSON = target ?? #""mailboxes": [\#(addresses.map { "\"\($0)\"" }.joined(separator: ", "))]"#
        let fixture = PersonalContactsFixture(
            deployment: deployment,
            executor: try makeExecutor(deployment),
            mailboxes: addresses,
            handMade: handMade
        )
        try fixture.writeJob("pc", source: source, target: targetJSON, safety: safety, top: top)
        return fixture
    }

    static func makeExecutor(
        _ deployment: SimulatedDeployment,
        configuration: LoadedConfiguration? = nil
    ) throws
        -> JobExecutor
    {
        var clientOptions = M365ClientOptions.quickRetries
        // Small pages, so directory and contact listings in these tests span several pages.
        clientOptions.directoryPageSize = 10
        clientOptions.contactsPageSize = 10
        let environment = SyncEnvironment(
            configuration: configuration ?? deployment.configuration,
            transport: try HTTPTransport(),
            stateStore: try StateStore(directory: deployment.directory.appending("state"), logger: quietLogger),
            clientOptions: clientOptions
        )
        return JobExecutor(environment: environment)
    }

    /// Writes `jobs.d/<name>.json`.
    func writeJob(_ name: String, source: String = "", target: String, safety: String = "", top: String = "") throws {
        var sourceJSON = #""tenant": "contoso""#
        if !source.contains("requireAssignedLicense") { sourceJSON += #", "requireAssignedLicense": false"# }
        if !source.isEmpty { sourceJSON += ", " + source }
        let json = """
            {"kind": "personalContacts", "schedule": {"interval": "1h"}\(top.isEmpty ? "" : ", " + top),
             "source": {\(sourceJSON)},
             "target": {\(target)},
             "safety": {\(safety.isEmpty ? "\"maxRemove\": 1000, \"maxRemovePercent\": 100" : safety)}}
            """
        try json.write(toFile: deployment.directory.appending("jobs.d/\(name).json"), atomically: true, encoding: .utf8)
    }

    /// The job `name` as the loader reads it now.
    func job(_ name: String = "pc") throws -> JobDefinition {
        let configuration = try ConfigurationLoader.load(directory: deployment.directory.path, environment: [:])
        guard let job = configuration.jobs.first(where: { $0.name == name }) else {
            throw FixtureError(description: "no job \(name): \(configuration.jobs.map(\.name))")
        }
        return job
    }

    func run(
        _ name: String = "pc",
        dryRun: Bool = false,
        allowRemovals: Bool = false,
        logger: Logger = Self.quietLogger
    ) async throws -> JobReport {
        await executor.run(
            try job(name),
            options: JobRunOptions(
                runID: UUID().uuidString,
                logger: logger,
                dryRun: dryRun,
                allowRemovals: allowRemovals
            )
        )
    }

    func clear(
        _ name: String = "pc",
        mailboxes: [String] = [],
        removeFolder: Bool = false,
        dryRun: Bool = false,
        logger: Logger = Self.quietLogger
    ) async throws -> JobReport {
        await executor.clear(
            try job(name),
            mailboxes: mailboxes,
            removeFolder: removeFolder,
            options: JobRunOptions(runID: UUID().uuidString, logger: logger, dryRun: dryRun)
        )
    }

    /// The contacts of `mailbox` that m365sync did not make before the first run, as they are now.
    func handMadeNow(_ mailbox: String) async throws -> [String: JSONValue] {
        let now = try await deployment.contactsById(mailbox)
        return now.filter { handMade[mailbox]?[$0.key] != nil }
    }

    /// True when every hand-made contact of every mailbox is still there, unchanged.
    func handMadeUntouched() async throws -> Bool {
        for mailbox in mailboxes where try await handMadeNow(mailbox) != handMade[mailbox] { return false }
        return true
    }

    /// The contacts the job manages in `mailbox` (every contact not made by hand before the first run).
    func managed(_ mailbox: String) async throws -> [JSONValue] {
        try await deployment.contactsById(mailbox).filter { handMade[mailbox]?[$0.key] == nil }.map(\.value)
    }

    /// Checks that the contacts people made are byte for byte as before the first run (a test failure if not,
    /// or if a mailbox cannot be read); a mailbox the test removed (the simulator knows it no more) has nothing
    /// left to compare.
    func expectHandMadeUnchanged(sourceLocation: SourceLocation = #_sourceLocation) async {
        for mailbox in mailboxes {
            let now: [String: JSONValue]
            do {
                now = try await handMadeNow(mailbox)
            } catch let error as SimulatorError where error == .unknownObject(mailbox) {
                continue
            } catch {
                Issue.record(
                    "cannot read \(mailbox) to check its hand-made contacts: \(error)",
                    sourceLocation: sourceLocation
                )
                continue
            }
            if now != handMade[mailbox] {
                Issue.record("a contact made by hand in \(mailbox) changed", sourceLocation: sourceLocation)
            }
        }
    }

    static let quietLogger = Logger(label: "m365sync.test") { _ in SwiftLogNoOpLogHandler() }

    struct FixtureError: Error, CustomStringConvertible { var description: String }
}

extension PersonalContactsFixture: ScopedFixture {
    func tearDown() async { await deployment.stop() }

    /// Starts a fixture (as ``start(users:mailboxes:orgContacts:groups:handMadeContacts:source:target:safety:top:throttling:)``),
    /// runs `body` with it, checks that the hand-made contacts are unchanged when `body` returned, and stops the
    /// simulator whether `body` returned or threw.
    static func with<T>(
        users: Int = 12,
        mailboxes: Int = 2,
        orgContacts: Int = 2,
        groups: Int = 0,
        handMadeContacts: Int = 3,
        source: String = "",
        target: String? = nil,
        safety: String = "",
        top: String = "",
        throttling: ThrottlingOptions = .disabled,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (PersonalContactsFixture) async throws -> T
    ) async throws -> T {
        let fixture = try await start(
            users: users,
            mailboxes: mailboxes,
            orgContacts: orgContacts,
            groups: groups,
            handMadeContacts: handMadeContacts,
            source: source,
            target: target,
            safety: safety,
            top: top,
            throttling: throttling
        )
        return try await fixture.use { fixture in
            let result = try await body(fixture)
            await fixture.expectHandMadeUnchanged(sourceLocation: sourceLocation)
            return result
        }
    }
}

extension JobReport {
    /// The report's first target; a test failure, not a crash, when the run reported none.
    var firstTarget: TargetReport {
        get throws { try #require(targets.first) }
    }
}
