import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Throttling")
struct ThrottlingTests {
    @Test func mailboxWindowBudgetGives429WithRetryAfter() async throws {
        var options = ThrottlingOptions()
        options.mailboxRequestsPerWindow = 3
        options.mailboxWindowSeconds = 60
        try await withSimulator(throttling: options) { sim in
            let token = try await sim.token()
            let path = "/users/\(sim.mailboxUser)/contacts"
            for _ in 0..<3 { #expect(try await sim.graph(path, token: token).status == 200) }
            let throttled = try await sim.graph(path, token: token)
            #expect(throttled.status == 429)
            #expect(
                Fixtures.shapeMismatches(throttled.json, try Fixtures.load("graph/error-429-toomanyrequests.json"))
                    == []
            )
            let retryAfter = try #require(throttled.header("retry-after").flatMap(Double.init))
            #expect(retryAfter > 0 && retryAfter <= 60)
            // Another mailbox is not affected.
            #expect(try await sim.graph("/users/\(sim.tenant.mailboxUserIds[1])/contacts", token: token).status == 200)
            await sim.control.advanceClock(by: 61)
            #expect(try await sim.graph(path, token: token).status == 200)
        }
    }

    @Test func fractionalRetryAfter() async throws {
        var options = ThrottlingOptions()
        options.directoryRequestsPerWindow = 1
        options.fractionalRetryAfter = true
        try await withSimulator(throttling: options) { sim in
            let token = try await sim.token()
            #expect(try await sim.graph("/users?$top=1", token: token).status == 200)
            let throttled = try await sim.graph("/contacts", token: token)
            #expect(throttled.status == 429)
            #expect(throttled.header("retry-after")?.contains(".") == true)
        }
    }

    @Test func fourConcurrentRequestsPerMailbox() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            await sim.control.setFault(FaultRule(endpoint: "graph.mailbox.contacts", action: .delay(seconds: 0.8)))
            let path = "/users/\(sim.mailboxUser)/contacts"
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await sim.graph(path, token: token).status } }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == 200 }.count == 4)
            #expect(statuses.filter { $0 == 429 }.count == 2)
        }
    }

    @Test func exchangeThrottlingAndRateLimitHeaders() async throws {
        var options = ThrottlingOptions()
        options.exchangeRequestsPerWindow = 2
        try await withSimulator(throttling: options) { sim in
            let token = try await sim.token(scope: SimSetup.exchangeScope)
            let first = try await sim.exchange("Get-MailContact", token: token)
            #expect(first.status == 200)
            #expect(first.header("rate-limit-remaining") == "1")
            _ = try await sim.exchange("Get-MailContact", token: token)
            let throttled = try await sim.exchange("Get-MailContact", token: token)
            #expect(throttled.status == 429)
            #expect(throttled.header("retry-after") != nil)
            #expect(
                throttled.json["error"]?["details"]?.arrayValue?.first?["message"]?.stringValue?.contains(
                    "concurrent requests per tenant"
                ) == true
            )
        }
    }

    @Test func disabledThrottlingLetsEverythingThrough() async throws {
        var options = ThrottlingOptions.disabled
        options.mailboxRequestsPerWindow = 1
        try await withSimulator(throttling: options) { sim in
            let token = try await sim.token()
            for _ in 0..<3 {
                #expect(try await sim.graph("/users/\(sim.mailboxUser)/contacts", token: token).status == 200)
            }
        }
    }
}
