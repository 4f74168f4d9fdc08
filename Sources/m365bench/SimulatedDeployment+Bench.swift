import Foundation
import Logging
import M365Core
import M365Curl
import M365Daemon
import M365Jobs
import M365Simulator
import M365State
import M365TestSupport

/// What the personal contacts and photo benchmarks share: their job, its executor and a silent logger.
extension SimulatedDeployment {
    /// A logger that writes nothing, so that logging does not weigh on the figures.
    static let benchLogger = Logger(label: "m365bench") { _ in SwiftLogNoOpLogHandler() }

    /// The simulated `contoso` tenant with the options' users and mailboxes (and photos for `photoFraction` of
    /// the users), throttling off.
    static func startBench(_ options: BenchOptions, photoFraction: Double? = nil) async throws -> SimulatedDeployment {
        let seed = TenantSeed(
            seed: 42,
            users: options.users,
            mailboxes: options.mailboxes,
            handMadeContacts: 0,
            photoFraction: photoFraction
        )
        return try await start(
            tenants: [.init(name: "contoso", seed: seed)],
            jobs: [:],
            options: SimulatorOptions(tls: false, requestLogLimit: 1000, throttling: .disabled)
        )
    }

    /// A job executor for the deployment's tenants, over a new transport.
    func benchExecutor(stateStore: StateStore? = nil) throws -> JobExecutor {
        JobExecutor(
            environment: SyncEnvironment(
                configuration: configuration,
                transport: try HTTPTransport(),
                stateStore: stateStore
            )
        )
    }

    /// Writes `jobs.d/<name>.json`, a personal contacts job from `contoso` into all its mailboxes, and loads it.
    ///
    /// `targetKeys` are extra members of the job's target, each led by a comma.
    func personalContactsBenchJob(_ name: String, targetKeys: String = "") async throws -> JobDefinition {
        let mailboxes = try await mailboxAddresses().map { "\"\($0)\"" }.joined(separator: ", ")
        let json = """
            {"kind": "personalContacts", "schedule": {"interval": "1h"},
             "source": {"tenant": "contoso", "requireAssignedLicense": false},
             "target": {"mailboxes": [\(mailboxes)], "maxConcurrentMailboxes": 8\(targetKeys)},
             "safety": {"maxRemove": 100000, "maxRemovePercent": 100}}
            """
        try json.write(toFile: directory.appending("jobs.d/\(name).json"), atomically: true, encoding: .utf8)
        let loaded = try ConfigurationLoader.load(directory: directory.path, environment: [:])
        guard let job = loaded.jobs.first(where: { $0.name == name }) else {
            throw BenchmarkError(message: "the \(name) job was not loaded from \(directory.path)")
        }
        return job
    }
}
