import Foundation

/// What `m365sim` prints on start.
struct StartReport: Encodable {
    struct Tenant: Encodable {
        var tenantId: String
        var domain: String
        var clientId: String
        var clientSecret: String
        var certificateFile: String
        var privateKeyFile: String
        var mailboxUserIds: [String]
        var groupIds: [String]
    }

    var baseURL: String
    var caFile: String?
    var tenants: [Tenant] = []

    /// One JSON line (for the demo and tests to parse).
    func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Human-readable lines.
    func text() -> String {
        var lines = ["m365sim listening on \(baseURL)"]
        if let caFile { lines.append("CA certificate: \(caFile)") }
        for tenant in tenants {
            lines.append("tenant \(tenant.domain) id \(tenant.tenantId)")
            lines.append("  client id:     \(tenant.clientId)")
            lines.append("  client secret: \(tenant.clientSecret)")
            lines.append("  certificate:   \(tenant.certificateFile) (key \(tenant.privateKeyFile))")
            lines.append("  mailboxes:     \(tenant.mailboxUserIds.count)")
        }
        lines.append("Stop with SIGTERM or Ctrl-C.")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Peak and current resident memory from /proc/self/status.
struct MemoryReport {
    var peakKiB: Int
    var currentKiB: Int

    static func current() -> MemoryReport {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func value(_ key: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return 0 }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
        }
        return MemoryReport(peakKiB: value("VmHWM"), currentKiB: value("VmRSS"))
    }

    func line(users: Int, mailboxes: Int, contacts: Int) -> String {
        let peak = Double(peakKiB) / 1_024
        let current = Double(currentKiB) / 1_024
        return
            "memory users=\(users) mailboxes=\(mailboxes) contacts=\(contacts) peakRSS=\(String(format: "%.1f", peak))MiB currentRSS=\(String(format: "%.1f", current))MiB"
    }
}
