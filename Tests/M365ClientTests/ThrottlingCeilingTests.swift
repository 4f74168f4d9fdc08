import Foundation
import Logging
import M365Client
import M365Core
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

/// Mailboxes written to at their throttling ceiling: a throttled request pauses its mailbox, so no request is
/// throttled twice, and the pauses of many mailboxes do not use up the run's wait budget.
@Suite struct ThrottlingCeilingTests {
    /// 60 requests per mailbox per 30 s of simulated time (which the client's waits move on), with Graph's
    /// fractional `Retry-After`.
    static let limits = ThrottlingOptions(
        mailboxRequestsPerWindow: 60,
        mailboxWindowSeconds: 30,
        fractionalRetryAfter: true
    )

    @Test func mailboxesAtTheCeilingAreThrottledOncePerRequestAndFinish() async throws {
        let seed = TenantSeed(seed: 5, users: 10, mailboxes: 3, handMadeContacts: 0)
        try await SimHarness.with(seed: seed, throttling: Self.limits) { h in
            var options = M365ClientOptions()
            // Three mailboxes paused twice each wait far longer than this together.
            options.retryPolicy.maxRunWait = .seconds(30)
            options.clock = SimulatorClock(h.sim.control).clock
            let client = M365Client(
                tenant: try h.tenantConfiguration(),
                transport: h.transport,
                options: options,
                logger: Logger(label: "test")
            )
            let mailboxes = h.tenant.mailboxUserIds
            try await withThrowingTaskGroup(of: Void.self) { group in
                for mailbox in mailboxes {
                    group.addTask { try await Self.write(client, mailbox: mailbox, singles: 40, batched: 120) }
                }
                try await group.waitForAll()
            }
            for mailbox in mailboxes {
                #expect(try await h.sim.control.contactCount(tenantId: h.tenant.tenantId, inMailbox: mailbox) == 160)
            }
            let metrics = client.metrics.snapshot()
            #expect(metrics.throttledRequests > 0, "the window never bound")
            #expect(metrics.throttledRepeatedly == 0)
            #expect(metrics.mailboxPauseSeconds > 30)
            let throttled = await h.sim.control.requestLog().filter { $0.status == 429 }
            #expect(!throttled.isEmpty)
            let batched = throttled.compactMap { entry in entry.digest.map { "\(entry.mailbox ?? "") \($0)" } }
            #expect(Set(batched).count == batched.count, "an inner request was throttled twice")
        }
    }

    /// `singles` contacts created one request each, four at a time, while `batched` more go through `$batch`.
    private static func write(_ client: M365Client, mailbox: String, singles: Int, batched: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<singles {
                group.addTask {
                    _ = try await client.graph.createContact(
                        mailbox: mailbox,
                        folderId: nil,
                        properties: ["givenName": .string("Single \(index)")]
                    )
                }
            }
            group.addTask {
                let changes = (0..<batched).map { index in
                    ContactChange(
                        key: "b\(index)",
                        operation: .create(folderId: nil, properties: ["givenName": .string("Batched \(index)")])
                    )
                }
                let results = try await client.graph.applyContactChanges(mailbox: mailbox, changes: changes)
                #expect(results.allSatisfy { $0.error == nil })
            }
            try await group.waitForAll()
        }
    }
}
