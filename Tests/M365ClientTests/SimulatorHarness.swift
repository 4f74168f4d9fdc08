import Foundation
import Logging
import M365Client
import M365Core
import M365Curl
import M365Simulator
import M365TestSupport
import Synchronization
import Testing

/// Records waits and sleeps at most `cap` of each, so simulator retries stay fast but real.
final class CappedSleeper: Sendable {
    private let waits = Mutex<[Duration]>([])
    private let offset = Mutex<TimeInterval>(0)
    let cap: Duration

    init(cap: Duration = .milliseconds(50)) { self.cap = cap }

    var recorded: [Duration] { waits.withLock { $0 } }

    /// Moves the client's wall clock forward (pair with the simulator's `advanceClock`).
    func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }

    func clock() -> ClientClock {
        ClientClock(
            now: { [self] in Date().addingTimeInterval(offset.withLock { $0 }) },
            sleep: { [self] duration in
                waits.withLock { $0.append(duration) }
                try await Task.sleep(for: min(duration, cap))
            }
        )
    }
}

/// A simulator with one tenant and one registered app, and the files a tenant configuration points to.
struct SimHarness: ScopedFixture {
    enum Credential {
        case secret
        case certificate(AssertionAlgorithm)
    }

    let sim: SimulatorServer
    let tenant: TenantInfo
    let app: AppCredentials
    let transport: HTTPTransport
    let directory: URL
    let sleeper = CappedSleeper()

    /// Runs `body` against a fresh simulator and removes everything afterwards, whether `body` returned or threw.
    static func with(
        tls: Bool = false,
        seed: TenantSeed = TenantSeed(seed: 1, users: 60, mailboxes: 3, orgContacts: 10, groups: 2),
        throttling: ThrottlingOptions = ThrottlingOptions(),
        _ body: (SimHarness) async throws -> Void
    ) async throws {
        try await withSimulator(SimulatorOptions(tls: tls, throttling: throttling)) { sim in
            let tenant = try await sim.control.addTenant(seed)
            let app = try await sim.control.registerApp(tenantId: tenant.tenantId)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "m365-sim-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let transport: HTTPTransport
            do {
                transport = try HTTPTransport()
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
            try await SimHarness(sim: sim, tenant: tenant, app: app, transport: transport, directory: directory)
                .use(body)
        }
    }

    /// Shuts the transport down and removes the folder; the simulator stops with its own scope.
    func tearDown() async {
        transport.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `text` to a file in the harness directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The tenant configuration for the registered app, all services at the simulator.
    func tenantConfiguration(credential: Credential = .secret, secret: String? = nil) throws -> TenantConfiguration {
        let tenantCredential: TenantCredential
        switch credential {
        case .secret:
            tenantCredential = .clientSecret(file: try file("secret", secret ?? app.clientSecret))
        case .certificate(let algorithm):
            tenantCredential = .certificate(
                certificateFile: try file("app.pem", app.certificatePEM),
                privateKeyFile: try file("app.key", app.privateKeyPEM),
                algorithm: algorithm
            )
        }
        return TenantConfiguration(
            name: "contoso",
            tenantId: tenant.tenantId,
            clientId: app.clientId,
            credential: tenantCredential,
            endpoints: ServiceEndpoints(login: sim.baseURL, graph: sim.baseURL, exchange: sim.baseURL),
            caFile: try sim.caCertificatePEM.map { try file("ca.pem", $0) }
        )
    }

    /// A client for the registered app with the capped sleeper and fixed jitter.
    func client(credential: Credential = .secret, options: M365ClientOptions = M365ClientOptions()) throws -> M365Client
    {
        var options = options
        options.clock = sleeper.clock()
        options.jitter = { 0.5 }
        return M365Client(
            tenant: try tenantConfiguration(credential: credential),
            transport: transport,
            options: options,
            logger: Logger(label: "test")
        )
    }

    var mailbox: String { tenant.mailboxUserIds[0] }

    /// The simulator's log entries for an endpoint (and method).
    func log(_ endpoint: String, method: String? = nil) async -> [RequestLogEntry] {
        await sim.control.requestLog().filter { $0.endpoint == endpoint && (method == nil || $0.method == method) }
    }
}
