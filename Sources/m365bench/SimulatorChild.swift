import Foundation
import M365Primitives
import M365TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The simulator as its own `m365sim` process, so that what the bench measures of m365sync is m365sync's alone.
struct SimulatorChild: Sendable {
    /// What `m365sim --json` prints on start (the parts the bench needs).
    struct Info: Decodable, Sendable {
        struct Tenant: Decodable, Sendable {
            var tenantId: String
            var clientId: String
            var clientSecret: String
            var mailboxUserIds: [String]
        }

        var baseURL: String
        var tenants: [Tenant]
    }

    let info: Info
    let process: KillableProcess

    /// Starts `m365sim` (next to this executable) with one tenant of `users` users and `mailboxes` mailboxes,
    /// throttling off, runs `body` with it, then stops it.
    static func with<Result: Sendable>(
        users: Int,
        mailboxes: Int,
        _ body: (SimulatorChild) async throws -> Result
    ) async throws -> Result {
        let arguments = [
            "--seed", "42", "--users", "\(users)", "--mailboxes", "\(mailboxes)", "--no-throttling", "--json",
            "--stop-at-end-of-input",
        ]
        let process = try await KillableProcess.start(
            executable: BenchProducts.url("m365sim"),
            arguments: arguments,
            input: .pipe,
            output: .pipe,
            error: .inherited
        )
        let line = try await offCooperativePool { try process.readOutputLine() }
        guard let info = try? JSONDecoder().decode(Info.self, from: Data(line.utf8)), !info.tenants.isEmpty else {
            throw BenchmarkError(message: "m365sim did not start: \(line)")
        }
        let simulator = SimulatorChild(info: info, process: process)
        do {
            let result = try await body(simulator)
            await simulator.stop()
            return result
        } catch {
            await simulator.stop()
            throw error
        }
    }

    /// SIGTERM, then waits for the exit (the value's end kills it otherwise).
    func stop() async {
        process.send(SIGTERM)
        let process = self.process
        _ = try? await offCooperativePool { process.waitForExit(timeout: .seconds(30)) }
    }

    /// Writes `<root>/config` for one personal contacts job named `job` from the tenant into all its mailboxes,
    /// `concurrency` at a time (run by hand or by the daemon's SIGUSR1, not at start), logging to `<root>/m365sync.log`
    /// at `logLevel`, and returns its path.
    func writeConfiguration(root: String, job: String, concurrency: Int = 8, logLevel: String = "info") throws -> String
    {
        guard let tenant = info.tenants.first else { throw BenchmarkError(message: "m365sim reported no tenant") }
        let config = root + "/config"
        for folder in ["jobs.d", "secrets"] {
            try FileManager.default.createDirectory(atPath: config + "/" + folder, withIntermediateDirectories: true)
        }
        let secret = config + "/secrets/contoso.secret"
        try Data(tenant.clientSecret.utf8).write(to: URL(fileURLWithPath: secret))
        chmod(secret, 0o600)
        let url = JSONValue.string(info.baseURL)
        let settings: JSONValue = [
            "stateDirectory": .string(root + "/state"),
            "logging": [
                "journald": ["enabled": false],
                "file": ["enabled": true, "path": .string(root + "/m365sync.log"), "level": .string(logLevel)],
                "stderr": ["enabled": false],
            ],
            "tenants": [
                "contoso": [
                    "tenantId": .string(tenant.tenantId), "clientId": .string(tenant.clientId),
                    "clientSecretFile": "secrets/contoso.secret",
                    "endpoints": ["login": url, "graph": url, "exchange": url],
                ]
            ],
        ]
        let definition: JSONValue = [
            "kind": "personalContacts",
            "schedule": ["interval": "1h", "runOnStart": false],
            "source": ["tenant": "contoso", "requireAssignedLicense": false],
            "target": [
                "mailboxes": .array(tenant.mailboxUserIds.map(JSONValue.string)),
                "maxConcurrentMailboxes": .number(Double(concurrency)),
            ],
            "safety": ["maxRemove": 1_000_000, "maxRemovePercent": 100],
        ]
        try settings.encoded(prettyPrinted: true).write(to: URL(fileURLWithPath: config + "/m365sync.json"))
        try definition.encoded(prettyPrinted: true).write(to: URL(fileURLWithPath: config + "/jobs.d/\(job).json"))
        return config
    }
}

/// The executables built beside m365bench.
enum BenchProducts {
    static func url(_ name: String) throws -> URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let url = executable.deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw BenchmarkError(message: "\(url.path) not found: build it beside m365bench")
        }
        return url
    }
}
