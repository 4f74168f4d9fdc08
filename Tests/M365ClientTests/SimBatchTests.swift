import Foundation
import M365Client
import M365Core
import M365Primitives
import M365Simulator
import Testing

@Suite struct SimBatchTests {
    @Test func mixedInnerResultsWithInnerThrottling() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let existing = try await client.graph.createContact(
                mailbox: h.mailbox,
                folderId: nil,
                properties: ["givenName": .string("Old")]
            )
            let existingId = try #require(existing["id"]?.stringValue)
            await h.sim.control.setFault(
                FaultRule(
                    endpoint: "graph.mailbox.contacts",
                    method: "POST",
                    action: .status(429, retryAfter: 0.05),
                    limit: 3,
                    skip: 5
                )
            )
            var changes = (0..<30).map {
                ContactChange(
                    key: "new\($0)",
                    operation: .create(folderId: nil, properties: ["givenName": .string("N\($0)")])
                )
            }
            changes.append(
                ContactChange(
                    key: "upd",
                    operation: .update(contactId: existingId, properties: ["jobTitle": .string("CTO")])
                )
            )
            changes.append(
                ContactChange(key: "bad", operation: .create(folderId: nil, properties: ["nonsense": .bool(true)]))
            )
            changes.append(ContactChange(key: "gone", operation: .delete(contactId: existingId + "x")))
            let results = try await client.graph.applyContactChanges(mailbox: h.mailbox, changes: changes)
            #expect(results.map(\.key) == changes.map(\.key))
            #expect(results.prefix(31).allSatisfy { $0.error == nil })
            #expect(results[31].error?.kind == .badRequest)
            #expect(results[32].error != nil)
            #expect(try await h.sim.control.contactCount(tenantId: h.tenant.tenantId, inMailbox: h.mailbox) >= 31)
            let inner429 = await h.sim.control.requestLog().filter { $0.batchId != nil && $0.status == 429 }
            #expect(inner429.count == 3)
            let metrics = client.metrics.snapshot()
            #expect(metrics.throttled >= 1)
            #expect(metrics.byKindAndStatus["graph.contact.create 429"] == 3)
            #expect(h.sleeper.recorded.allSatisfy { $0 == .milliseconds(50) })
            let batches = await h.log("graph.batch")
            #expect(batches.count >= 3)
            #expect(batches.allSatisfy { $0.status == 200 })
        }
    }

    @Test func fourPerMailboxIsNeverExceededUnderLoad() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            _ = try await client.verifyCredentials()
            await h.sim.control.setFault(FaultRule(endpoint: "graph.mailbox.*", action: .delay(seconds: 0.02)))
            let mailbox = h.mailbox
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        _ = try await client.graph.createContact(
                            mailbox: mailbox,
                            folderId: nil,
                            properties: ["givenName": .string("S\(index)")]
                        )
                    }
                }
                for batch in 0..<4 {
                    group.addTask {
                        let changes = (0..<25).map {
                            ContactChange(
                                key: "\(batch)-\($0)",
                                operation: .create(folderId: nil, properties: ["givenName": .string("B\(batch)-\($0)")])
                            )
                        }
                        let results = try await client.graph.applyContactChanges(mailbox: mailbox, changes: changes)
                        #expect(results.allSatisfy { $0.error == nil })
                    }
                }
                try await group.waitForAll()
            }
            let counters = await h.sim.control.counters()
            for (endpoint, statuses) in counters where endpoint.hasPrefix("graph.mailbox") || endpoint == "graph.batch"
            {
                #expect(statuses[429] == nil, "429 on \(endpoint)")
            }
            #expect(client.metrics.snapshot().retries == 0)
            #expect(await client.peakMailboxConcurrency(mailbox) == 4)
            #expect(try await h.sim.control.contactCount(tenantId: h.tenant.tenantId, inMailbox: mailbox) >= 124)
        }
    }
}
