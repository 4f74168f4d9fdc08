import ArgumentParser
import Dispatch
import Foundation
import M365Simulator

/// `m365sim`: runs the simulated Microsoft 365 tenant(s) until SIGTERM or SIGINT.
@main
struct M365Sim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "m365sim",
        abstract: "Run a simulated Microsoft 365 (token endpoint, Graph, Exchange admin API) on one base URL."
    )

    @Option(help: "Port to listen on (0 picks a free one).") var port = 0
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Flag(help: "Serve HTTPS with a generated CA; its PEM is written to --ca-file.") var tls = false
    @Option(help: "Seed of the first tenant (the next tenants use seed+1, seed+2, …).") var seed: UInt64 = 1
    @Option(help: "Users per tenant (10–50,000).") var users = 500
    @Option(help: "Users with a mailbox per tenant (1–1,000).") var mailboxes = 20
    @Option(help: "Org contacts per tenant.") var orgContacts = 50
    @Option(help: "Groups per tenant.") var groups = 5
    @Option(help: "Exchange mail contacts already present per tenant.") var mailContacts = 0
    @Option(help: "Share of users (0–1) with a generated profile photo.") var photos = 0.0
    @Option(help: "Number of tenants.") var tenants = 1
    @Option(help: "Access token lifetime in seconds.") var tokenLifetime = 3599
    @Option(help: "Directory for the CA and app certificate files (default: a new temporary directory).") var stateDir:
        String?
    @Flag(help: "Print one JSON line with the base URL, tenants and credentials.") var json = false
    @Flag(help: "Turn throttling off.") var noThrottling = false
    @Option(help: "Fill the first tenant's mailboxes with this many contacts.") var prefillContacts = 0
    @Flag(help: "Build the tenant(s), print peak memory (VmHWM) and exit.") var measureMemory = false
    @Flag(help: "Also stop when standard input ends (a parent holding a pipe to it exited or died).")
    var stopAtEndOfInput = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard (1...50_000).contains(users) else { throw ValidationError("--users must be 1…50,000") }
        guard (0...1_000).contains(mailboxes), mailboxes <= users else {
            throw ValidationError("--mailboxes must be 0…1,000 and at most --users")
        }
        guard (1...20).contains(tenants) else { throw ValidationError("--tenants must be 1…20") }
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        guard prefillContacts >= 0 else { throw ValidationError("--prefill-contacts must not be negative") }
        guard (0...1).contains(photos) else { throw ValidationError("--photos must be 0…1") }
    }

    func run() async throws {
        let signals = StopSignal.install()
        if stopAtEndOfInput { signals.watchStandardInput() }
        var options = SimulatorOptions(tls: tls, host: host, port: port, tokenLifetime: tokenLifetime)
        options.reuseAppKeys = false
        if noThrottling { options.throttling = .disabled }
        let server = try await SimulatorServer.start(options)
        let directory =
            stateDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("m365sim-\(getpid())").path
        let ownsDirectory = stateDir == nil
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let report = try await setUp(server, directory: directory)
            if measureMemory {
                write(MemoryReport.current().line(users: users, mailboxes: mailboxes, contacts: prefillContacts) + "\n")
            } else {
                write(json ? report.jsonLine() : report.text())
                await signals.wait()
            }
        } catch {
            await server.stop()
            if ownsDirectory { try? FileManager.default.removeItem(atPath: directory) }
            throw error
        }
        await server.stop()
        if ownsDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Writes to standard output unbuffered (a parent process reads the first line while we run).
    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func setUp(_ server: SimulatorServer, directory: String) async throws -> StartReport {
        var report = StartReport(baseURL: server.baseURL)
        if let ca = server.caCertificatePEM {
            let path = directory + "/ca.pem"
            try ca.write(toFile: path, atomically: true, encoding: .utf8)
            report.caFile = path
        }
        for index in 0..<tenants {
            let info = try await server.control.addTenant(
                TenantSeed(
                    seed: seed + UInt64(index),
                    users: users,
                    mailboxes: mailboxes,
                    orgContacts: orgContacts,
                    groups: groups,
                    mailContacts: mailContacts,
                    photoFraction: photos
                )
            )
            let app = try await server.control.registerApp(tenantId: info.tenantId)
            let certificate = directory + "/app-\(index + 1).pem"
            let key = directory + "/app-\(index + 1).key"
            try app.certificatePEM.write(toFile: certificate, atomically: true, encoding: .utf8)
            try app.privateKeyPEM.write(toFile: key, atomically: true, encoding: .utf8)
            chmod(key, 0o600)
            if index == 0, prefillContacts > 0 {
                try await server.control.prefillContacts(tenantId: info.tenantId, total: prefillContacts)
            }
            report.tenants.append(
                StartReport.Tenant(
                    tenantId: info.tenantId,
                    domain: info.domain,
                    clientId: app.clientId,
                    clientSecret: app.clientSecret,
                    certificateFile: certificate,
                    privateKeyFile: key,
                    mailboxUserIds: info.mailboxUserIds,
                    groupIds: info.groupIds
                )
            )
        }
        return report
    }
}
