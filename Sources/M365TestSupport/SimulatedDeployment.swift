import Foundation
import M365Core
import M365Daemon
import M365Simulator

/// A running simulator with seeded tenants, registered apps and a loaded configuration directory pointing at it.
///
/// Tenants are named as in `m365sync.json` (`"contoso"`, `"fabrikam"`…); jobs are arbitrary JSON written to
/// `jobs.d/<name>.json`; over TLS the tenants trust the simulator's CA. Tests use it through ``with(tenants:jobs:options:globalMembers:_:)``, which stops it.
public final class SimulatedDeployment: ScopedFixture {
    /// One tenant to create: its configuration name and its generated contents.
    public struct Tenant: Sendable {
        public var name: String
        public var seed: TenantSeed

        public init(name: String, seed: TenantSeed) {
            self.name = name
            self.seed = seed
        }
    }

    public let simulator: SimulatorServer
    /// The created tenants by configuration name.
    public let tenants: [String: TenantInfo]
    public let directory: ScratchDirectory
    public let configuration: LoadedConfiguration

    /// The configuration directory (`m365sync.json`, `secrets/`, `jobs.d/`).
    public var configurationPath: String { directory.path }

    /// Starts the simulator, creates the tenants and apps, writes the configuration and loads it.
    ///
    /// `jobs` maps job names to job JSON objects (as text). `stateDirectory` defaults to `state/` inside the folder.
    /// `globalMembers` are extra members of `m365sync.json` (`"metrics": {…}`), each followed by a comma.
    public static func start(
        tenants: [Tenant],
        jobs: [String: String],
        options: SimulatorOptions = SimulatorOptions(tls: false),
        globalMembers: String = ""
    ) async throws -> SimulatedDeployment {
        let simulator = try await SimulatorServer.start(options)
        do {
            let directory = try ScratchDirectory(prefix: "m365sync-deployment")
            var infos: [String: TenantInfo] = [:]
            var entries: [String] = []
            for folder in ["secrets", "jobs.d"] {
                try FileManager.default.createDirectory(
                    atPath: directory.appending(folder),
                    withIntermediateDirectories: true
                )
            }
            // Over TLS every tenant trusts the simulator's certificate authority.
            let caFile = try simulator.caCertificatePEM.map { pem in
                try writePrivate(pem, to: directory.appending("secrets/ca.pem"))
                return #", "caFile": "secrets/ca.pem""#
            }
            for tenant in tenants {
                let info = try await simulator.control.addTenant(tenant.seed)
                let app = try await simulator.control.registerApp(tenantId: info.tenantId)
                infos[tenant.name] = info
                let secretPath = directory.appending("secrets/\(tenant.name).secret")
                try writePrivate(app.clientSecret, to: secretPath)
                entries.append(
                    """
                    "\(tenant.name)": {"tenantId": "\(info.tenantId)", "clientId": "\(app.clientId)",
                      "clientSecretFile": "secrets/\(tenant.name).secret"\(caFile ?? ""),
                      "endpoints": {"login": "\(simulator.baseURL)", "graph": "\(simulator.baseURL)",
                                    "exchange": "\(simulator.baseURL)"}}
                    """
                )
            }
            let global = """
                {\(globalMembers)"stateDirectory": "\(directory.appending("state"))",
                 "logging": {"journald": {"enabled": false}, "file": {"enabled": false}, "stderr": {"enabled": false}},
                 "tenants": {\(entries.joined(separator: ",\n"))}}
                """
            try global.write(toFile: directory.appending("m365sync.json"), atomically: true, encoding: .utf8)
            for (name, json) in jobs {
                try json.write(toFile: directory.appending("jobs.d/\(name).json"), atomically: true, encoding: .utf8)
            }
            let configuration = try ConfigurationLoader.load(directory: directory.path, environment: [:])
            return SimulatedDeployment(
                simulator: simulator,
                tenants: infos,
                directory: directory,
                configuration: configuration
            )
        } catch {
            await simulator.stop()
            throw error
        }
    }

    private init(
        simulator: SimulatorServer,
        tenants: [String: TenantInfo],
        directory: ScratchDirectory,
        configuration: LoadedConfiguration
    ) {
        self.simulator = simulator
        self.tenants = tenants
        self.directory = directory
        self.configuration = configuration
    }

    /// The simulator's tenant id of the tenant named `name` in the configuration.
    public func tenantId(_ name: String) -> String {
        tenants[name]!.tenantId
    }

    /// The job definition named `name`.
    public func job(_ name: String) -> JobDefinition {
        configuration.jobs.first { $0.name == name }!
    }

    /// Stops the simulator; the folder goes when the value does.
    public func stop() async {
        await simulator.stop()
    }

    public func tearDown() async { await stop() }

    /// Starts a deployment (as ``start(tenants:jobs:options:globalMembers:)``), runs `body` with it and stops the
    /// simulator whether `body` returned or threw.
    public static func with<T>(
        tenants: [Tenant],
        jobs: [String: String],
        options: SimulatorOptions = SimulatorOptions(tls: false),
        globalMembers: String = "",
        _ body: (SimulatedDeployment) async throws -> T
    ) async throws -> T {
        try await start(tenants: tenants, jobs: jobs, options: options, globalMembers: globalMembers).use(body)
    }

    /// Writes `text` to a new file readable only by its owner (0600).
    static func writePrivate(_ text: String, to path: String) throws {
        guard
            FileManager.default.createFile(
                atPath: path,
                contents: Data(text.utf8),
                attributes: [.posixPermissions: 0o600]
            )
        else { throw CocoaError(.fileWriteUnknown) }
    }
}
