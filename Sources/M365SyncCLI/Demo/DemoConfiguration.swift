import Foundation
import M365Primitives

/// Writes the demo's configuration directory for two simulated tenants.
enum DemoConfiguration {
    static let jobName = "company-directory"

    /// The configuration's name for a simulated tenant: the first label of its domain ("wingtip").
    static func name(of tenant: SimulatorProcess.Info.Tenant) -> String {
        String(tenant.domain.prefix { $0 != "." })
    }

    /// The tenant-to-tenant job's name ("wingtip-in-woodgrove").
    static func tenantToTenantJobName(
        from source: SimulatorProcess.Info.Tenant,
        to target: SimulatorProcess.Info.Tenant
    )
        -> String
    {
        "\(name(of: source))-in-\(name(of: target))"
    }

    /// Creates `<root>/config` (settings, 0600 secret files, two jobs) and returns its path: the personal
    /// contacts job in the first tenant, and a mail contacts job copying its users into the second tenant.
    static func write(root: URL, simulator: SimulatorProcess.Info, mailboxes: [String]) throws -> URL {
        guard simulator.tenants.count >= 2 else { throw DemoError("m365sim reported fewer than two tenants") }
        let source = simulator.tenants[0]
        let target = simulator.tenants[1]
        let config = root.appendingPathComponent("config")
        let manager = FileManager.default
        try manager.createDirectory(at: config.appendingPathComponent("jobs.d"), withIntermediateDirectories: true)
        try manager.createDirectory(at: config.appendingPathComponent("secrets"), withIntermediateDirectories: true)
        var tenants: [String: JSONValue] = [:]
        for tenant in [source, target] {
            tenants[name(of: tenant)] = try tenantSettings(
                for: tenant,
                named: name(of: tenant),
                simulator: simulator,
                config: config
            )
        }
        let settings: JSONValue = [
            "stateDirectory": .string(root.appendingPathComponent("state").path),
            "maxConcurrentJobs": 1,
            "logging": [
                "journald": ["enabled": false],
                "file": ["enabled": true, "path": .string(root.appendingPathComponent("m365sync.log").path)],
                "stderr": ["enabled": false],
            ],
            "tenants": .object(tenants),
        ]
        let job: JSONValue = [
            "kind": "personalContacts",
            "schedule": ["interval": "30m"],
            "source": ["tenant": .string(name(of: source)), "memberTypes": ["member", "contact"]],
            "target": ["mailboxes": .array(mailboxes.map(JSONValue.string)), "folder": "Company Directory"],
            "safety": ["maxRemove": 10, "maxRemovePercent": 10],
        ]
        try write(settings, to: config.appendingPathComponent("m365sync.json"))
        let tenantToTenant: JSONValue = [
            "kind": "mailContacts",
            "schedule": ["interval": "1h"],
            "source": ["tenant": .string(name(of: source))],
            "target": [
                "tenant": .string(name(of: target)),
                "displayNameSuffix": .string(" (\(name(of: source).capitalized))"),
            ],
            "safety": ["maxRemove": 10, "maxRemovePercent": 10],
        ]
        try write(job, to: config.appendingPathComponent("jobs.d/\(jobName).json"))
        try write(
            tenantToTenant,
            to: config.appendingPathComponent("jobs.d/\(tenantToTenantJobName(from: source, to: target)).json")
        )
        return config
    }

    /// One tenant's settings; its client secret goes to a 0600 file under `secrets/`.
    private static func tenantSettings(
        for tenant: SimulatorProcess.Info.Tenant,
        named name: String,
        simulator: SimulatorProcess.Info,
        config: URL
    ) throws -> JSONValue {
        let secret = config.appendingPathComponent("secrets/\(name).secret")
        try Data(tenant.clientSecret.utf8).write(to: secret)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret.path)
        let url = JSONValue.string(simulator.baseURL)
        var settings: [String: JSONValue] = [
            "tenantId": .string(tenant.tenantId),
            "clientId": .string(tenant.clientId),
            "clientSecretFile": "secrets/\(name).secret",
            "endpoints": ["login": url, "graph": url, "exchange": url],
        ]
        if let caFile = simulator.caFile { settings["caFile"] = .string(caFile) }
        return .object(settings)
    }

    private static func write(_ document: JSONValue, to url: URL) throws {
        try document.encoded(prettyPrinted: true).write(to: url)
    }
}
