import Foundation

/// Writes the demo's configuration directory for a simulated tenant.
enum DemoConfiguration {
    static let jobName = "company-directory"

    /// Creates `<root>/config` (settings, a 0600 secret file, one job) and returns its path.
    static func write(root: URL, simulator: SimulatorProcess.Info, mailboxes: [String]) throws -> URL {
        guard let tenant = simulator.tenants.first else { throw DemoError("m365sim reported no tenant") }
        let config = root.appendingPathComponent("config")
        let manager = FileManager.default
        try manager.createDirectory(at: config.appendingPathComponent("jobs.d"), withIntermediateDirectories: true)
        try manager.createDirectory(at: config.appendingPathComponent("secrets"), withIntermediateDirectories: true)
        let secret = config.appendingPathComponent("secrets/contoso.secret")
        try Data(tenant.clientSecret.utf8).write(to: secret)
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret.path)

        var tenantSettings: [String: Any] = [
            "tenantId": tenant.tenantId,
            "clientId": tenant.clientId,
            "clientSecretFile": "secrets/contoso.secret",
            "endpoints": ["login": simulator.baseURL, "graph": simulator.baseURL, "exchange": simulator.baseURL],
        ]
        if let caFile = simulator.caFile { tenantSettings["caFile"] = caFile }
        let settings: [String: Any] = [
            "stateDirectory": root.appendingPathComponent("state").path,
            "maxConcurrentJobs": 1,
            "logging": [
                "journald": ["enabled": false],
                "file": ["enabled": true, "path": root.appendingPathComponent("m365sync.log").path],
                "stderr": ["enabled": false],
            ],
            "tenants": ["contoso": tenantSettings],
        ]
        let job: [String: Any] = [
            "kind": "personalContacts",
            "schedule": ["interval": "30m"],
            "source": ["tenant": "contoso", "memberTypes": ["member", "contact"]],
            "target": ["mailboxes": mailboxes, "folder": "Company Directory"],
            "safety": ["maxRemove": 10, "maxRemovePercent": 10],
        ]
        try write(settings, to: config.appendingPathComponent("m365sync.json"))
        try write(job, to: config.appendingPathComponent("jobs.d/\(jobName).json"))
        return config
    }

    private static func write(_ object: [String: Any], to url: URL) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: url)
    }
}
