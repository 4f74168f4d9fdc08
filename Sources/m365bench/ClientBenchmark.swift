import Foundation
import Logging
import M365Client
import M365Core
import M365Curl
import M365Primitives
import M365Simulator
import M365TestSupport

/// Pages a large directory and creates many contacts in one mailbox through the client, against the simulator.
struct ClientBenchmark {
    var users = 50_000
    var contacts = 10_000
    var tls = false
    var throttling = false

    init(arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--users": users = Int(iterator.next() ?? "") ?? users
            case "--contacts": contacts = Int(iterator.next() ?? "") ?? contacts
            case "--tls": tls = true
            case "--throttling": throttling = true
            default: throw BenchmarkError(message: "unknown argument \(argument)")
            }
        }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let deployment = try await SimulatedDeployment.start(
            tenants: [.init(name: "bench", seed: TenantSeed(seed: 1, users: users, mailboxes: 1, handMadeContacts: 0))],
            jobs: [:],
            options: SimulatorOptions(tls: tls, throttling: throttling ? ThrottlingOptions() : .disabled)
        )
        try await deployment.use { deployment in
            let elapsed = Self.seconds(ContinuousClock.now - started)
            print("simulator: \(users) users generated in \(elapsed) s (\(deployment.simulator.baseURL))")
            guard let tenant = deployment.configuration.global.tenants["bench"],
                let mailbox = deployment.tenants["bench"]?.mailboxUserIds.first
            else { throw BenchmarkError(message: "the simulated tenant has no mailbox") }
            let transport = try HTTPTransport()
            defer { transport.shutdown() }
            var logger = Logger(label: "m365bench")
            logger.logLevel = .error
            try await pageUsers(M365Client(tenant: tenant, transport: transport, logger: logger))
            try await createContacts(M365Client(tenant: tenant, transport: transport, logger: logger), mailbox)
        }
    }

    /// Lists every user with the properties the jobs read.
    private func pageUsers(_ reader: M365Client) async throws {
        try await reader.verifyCredentials()
        let readStart = ContinuousClock.now
        let listed = try await reader.graph.listUsers(
            select: [
                "displayName", "givenName", "surname", "mail", "userType", "accountEnabled", "assignedLicenses",
                "jobTitle", "department", "mobilePhone", "businessPhones", "otherMails",
            ]
        )
        report(
            "page \(listed.count) users",
            reader.metrics.snapshot(),
            ContinuousClock.now - readStart,
            kind: "graph.users"
        )
    }

    /// Creates `contacts` contacts in a new folder of `mailbox` through `$batch`.
    private func createContacts(_ writer: M365Client, _ mailbox: String) async throws {
        try await writer.verifyCredentials()
        let folder = try await writer.graph.createContactFolder(mailbox: mailbox, displayName: "Benchmark")
        let changes = (0..<contacts).map { index in
            ContactChange(
                key: "\(index)",
                operation: .create(
                    folderId: folder.id,
                    properties: [
                        "givenName": .string("Given\(index)"), "surname": .string("Surname\(index)"),
                        "displayName": .string("Given\(index) Surname\(index)"),
                        "emailAddresses": .array([.object(["address": .string("p\(index)@contoso.com")])]),
                        "businessPhones": .array([.string("+1 555 0100")]), "jobTitle": .string("Engineer"),
                    ]
                )
            )
        }
        let writeStart = ContinuousClock.now
        let results = try await writer.graph.applyContactChanges(mailbox: mailbox, changes: changes)
        let failed = results.filter { $0.error != nil }.count
        report(
            "create \(contacts) contacts in one mailbox (\(failed) failed)",
            writer.metrics.snapshot(),
            ContinuousClock.now - writeStart,
            kind: "graph.batch"
        )
    }

    private func report(_ title: String, _ metrics: RequestMetricsSnapshot, _ elapsed: Duration, kind: String) {
        let kinds = metrics.byKind.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print(
            "\(title): \(metrics.byKind[kind] ?? 0) \(kind) requests (all: \(kinds)), \(Self.seconds(elapsed)) s, "
                + "retries \(metrics.retries), throttled \(metrics.throttled), \(metrics.bytesReceived / 1024) KiB received"
        )
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f", duration.timeInterval)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
