import Foundation
import M365TestSupport

/// A configuration directory for daemon tests: one tenant with a 0600 secret file, jobs in `jobs.d`,
/// state and the file log inside the same scratch folder.
struct DaemonConfigurationFixture {
    let scratch: ScratchDirectory
    /// Base URL of the tenant's login, Graph and Exchange endpoints.
    let endpoint: String

    /// `endpoint` defaults to a closed local port, so that no run leaves the host.
    init(endpoint: String = "http://127.0.0.1:9") throws {
        self.endpoint = endpoint
        scratch = try ScratchDirectory(prefix: "m365sync-daemon")
        let manager = FileManager.default
        try manager.createDirectory(atPath: scratch.appending("config/jobs.d"), withIntermediateDirectories: true)
        try manager.createDirectory(atPath: scratch.appending("config/secrets"), withIntermediateDirectories: true)
        let secret = scratch.appending("config/secrets/contoso.secret")
        try Data("not-a-real-secret".utf8).write(to: URL(fileURLWithPath: secret))
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
        try writeGlobal(maxConcurrentJobs: 2)
    }

    var configDirectory: String { scratch.appending("config") }
    var stateDirectory: String { scratch.appending("state") }
    var logFile: String { scratch.appending("log/m365sync.log") }

    /// Writes `m365sync.json` with one tenant whose endpoints are `endpoint`.
    func writeGlobal(maxConcurrentJobs: Int) throws {
        let text = """
            {
              "stateDirectory": "\(stateDirectory)",
              "maxConcurrentJobs": \(maxConcurrentJobs),
              "logging": {
                "journald": {"enabled": false, "level": "info"},
                "file": {"enabled": true, "path": "\(logFile)", "level": "debug"},
                "stderr": {"enabled": false, "level": "info"}
              },
              "tenants": {
                "contoso": {
                  "tenantId": "contoso.onmicrosoft.com",
                  "clientId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                  "clientSecretFile": "secrets/contoso.secret",
                  "endpoints": {"login": "\(endpoint)", "graph": "\(endpoint)", "exchange": "\(endpoint)"}
                }
              }
            }
            """
        try write(text, to: "m365sync.json")
    }

    /// Writes `jobs.d/<name>.json`: a personal contacts job on the tenant.
    func writeJob(_ name: String, interval: String = "1h", runOnStart: Bool = false) throws {
        let text = """
            {
              "kind": "personalContacts",
              "schedule": {"interval": "\(interval)", "runOnStart": \(runOnStart)},
              "source": {"tenant": "contoso"},
              "target": {"mailboxes": ["alice@contoso.example"]}
            }
            """
        try write(text, to: "jobs.d/\(name).json")
    }

    /// Writes `jobs.d/<name>.json` with a misspelt key and an undefined tenant.
    func writeBrokenJob(_ name: String) throws {
        let text = """
            {
              "kind": "personalContacts",
              "schedule": {"intervall": "1h"},
              "source": {"tenant": "nowhere"},
              "target": {"mailboxes": ["alice@contoso.example"]}
            }
            """
        try write(text, to: "jobs.d/\(name).json")
    }

    func write(_ text: String, to relativePath: String) throws {
        try Data(text.utf8).write(
            to: URL(fileURLWithPath: (configDirectory as NSString).appendingPathComponent(relativePath))
        )
    }

    /// The file log so far.
    func logText() -> String {
        (try? TextFile.read(logFile)) ?? ""
    }

    /// Waits until the log contains `text` (``TextFile/waitFor(_:in:timeout:)``); false at the deadline (`timeout`
    /// scaled by ``TestTimeScale``).
    func waitForLog(_ text: String, timeout: Duration = .seconds(15)) async throws -> Bool {
        try await TextFile.waitFor(text, in: logFile, timeout: TestTimeScale.scaled(timeout))
    }
}
