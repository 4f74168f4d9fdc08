import Foundation
import M365Client
import M365Core
import M365Primitives
import M365Simulator
import Testing

@Suite struct SimFaultTests {
    @Test(arguments: [408, 429, 502, 503, 504])
    func everyRetryableStatusIsRetried(status: Int) async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            await h.sim.control.setFault(
                FaultRule(endpoint: "graph.users", action: .status(status, retryAfter: 0.01), limit: 2)
            )
            let users = try await client.graph.listUsers(select: [])
            #expect(users.count == 60)
            #expect(await h.log("graph.users").map(\.status) == [status, status, 200])
            #expect(client.metrics.snapshot().retries == 2)
        }
    }

    @Test func nonRetryableStatusFailsAtOnce() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            await h.sim.control.setFault(
                FaultRule(endpoint: "graph.users", action: .status(500, retryAfter: nil), limit: 1)
            )
            do {
                _ = try await client.graph.listUsers(select: [])
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .serviceUnavailable)
                #expect(error.status == 500)
            }
            #expect(await h.log("graph.users").count == 1)
        }
    }

    @Test func htmlErrorPageIsNamedNeverAnEmptyResult() async throws {
        try await SimHarness.with { h in
            var options = M365ClientOptions()
            options.retryPolicy.maxAttempts = 2
            let client = try h.client(options: options)
            await h.sim.control.setFault(FaultRule(endpoint: "graph.users", action: .htmlPage(503)))
            do {
                let users = try await client.graph.listUsers(select: [])
                Issue.record("expected an error, got \(users.count) users")
            } catch let error as M365Error {
                #expect(error.status == 503)
                #expect(error.contentType == "text/html")
            }
            await h.sim.control.clearFaults()
            await h.sim.control.setFault(FaultRule(endpoint: "graph.users", action: .htmlPage(200)))
            do {
                let users = try await client.graph.listUsers(select: [])
                Issue.record("expected an error, got \(users.count) users")
            } catch let error as M365Error {
                #expect(error.kind == .invalidResponse)
            }
        }
    }

    @Test func droppedConnectionOnAReadIsRetried() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            await h.sim.control.setFault(FaultRule(endpoint: "graph.users", action: .dropConnection, limit: 1))
            let users = try await client.graph.listUsers(select: [])
            #expect(users.count == 60)
            #expect(await h.log("graph.users").map(\.status) == [0, 200])
        }
    }

    @Test func lostResponseOfACreateIsNotDuplicated() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let folder = try await client.graph.createContactFolder(mailbox: h.mailbox, displayName: "Lost")
            await h.sim.control.setFault(
                FaultRule(endpoint: "graph.mailbox.contacts", method: "POST", action: .appliedButResponseLost, limit: 1)
            )
            do {
                _ = try await client.graph.createContact(
                    mailbox: h.mailbox,
                    folderId: folder.id,
                    properties: ["givenName": .string("Once")]
                )
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .outcomeUnknown)
            }
            let listed = try await client.graph.listContacts(
                mailbox: h.mailbox,
                folderId: folder.id,
                select: ["givenName"]
            )
            #expect(listed.map { $0["givenName"] } == [.string("Once")])
        }
    }

    @Test func lostResponseOfAFolderCreateFindsTheFolder() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            await h.sim.control.setFault(
                FaultRule(endpoint: "graph.mailbox.folders", method: "POST", action: .appliedButResponseLost, limit: 1)
            )
            let folder = try await client.graph.createContactFolder(mailbox: h.mailbox, displayName: "Directory")
            let all = try await client.graph.listContactFolders(mailbox: h.mailbox)
            #expect(all.filter { $0.displayName == "Directory" } == [folder])
        }
    }

    @Test func lostBatchResponseWithCreatesIsReportedNotRepeated() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let folder = try await client.graph.createContactFolder(mailbox: h.mailbox, displayName: "Batch")
            await h.sim.control.setFault(FaultRule(endpoint: "graph.batch", action: .dropConnection, limit: 1))
            let changes = (0..<5).map {
                ContactChange(
                    key: "\($0)",
                    operation: .create(folderId: folder.id, properties: ["givenName": .string("B\($0)")])
                )
            }
            let results = try await client.graph.applyContactChanges(mailbox: h.mailbox, changes: changes)
            #expect(results.allSatisfy { $0.error?.kind == .outcomeUnknown })
            #expect(await h.log("graph.batch").count == 1)
        }
    }
}
