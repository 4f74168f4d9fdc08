import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Fault injection")
struct FaultInjectionTests {
    @Test func actionsRoundTripThroughTheirJSONForm() throws {
        let actions: [FaultRule.Action] = [
            .status(503, retryAfter: 2.5), .status(500, retryAfter: nil), .htmlPage(502), .dropConnection,
            .delay(seconds: 1), .appliedButResponseLost, .stallBeforeApplying(seconds: 60),
            .stallAfterApplying(seconds: 60), .mangledBody(.truncated),
        ]
        for action in actions {
            let data = try JSONEncoder().encode(action)
            #expect(try JSONDecoder().decode(FaultRule.Action.self, from: data) == action)
        }
        let status = try JSONEncoder().encode(FaultRule.Action.status(503, retryAfter: 2.5))
        let object = try JSONValue(decoding: status)
        #expect(object["type"] == "status")
        #expect(object["status"] == 503)
        #expect(object["retryAfter"] == .number(2.5))
        let dropped = try JSONEncoder().encode(FaultRule.Action.dropConnection)
        #expect(String(decoding: dropped, as: UTF8.self) == #"{"type":"dropConnection"}"#)
    }

    @Test(arguments: [503, 504, 500, 429])
    func statusFaultsCarryTheServiceShape(status: Int) async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            await sim.control.setFault(
                FaultRule(endpoint: "graph.users", action: .status(status, retryAfter: 2.5), limit: 1)
            )
            let faulted = try await sim.graph("/users", token: token)
            #expect(faulted.status == status)
            #expect(faulted.header("retry-after") == "2.5")
            #expect(faulted.json["error"]?["code"] != nil)
            #expect(try await sim.graph("/users", token: token).status == 200)
            let counters = await sim.control.counters()
            #expect(counters["graph.users"]?[status] == 1)
        }
    }

    @Test func htmlErrorPage() async throws {
        try await withSimulator { sim in
            await sim.control.setFault(FaultRule(endpoint: "exchange.*", action: .htmlPage(502)))
            let page = try await sim.exchange("Get-MailContact")
            #expect(page.status == 502)
            #expect(page.header("content-type")?.hasPrefix("text/html") == true)
            #expect(page.text.hasPrefix("<!DOCTYPE html>"))
        }
    }

    @Test func droppedConnection() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            await sim.control.setFault(
                FaultRule(endpoint: "graph.mailbox.*", method: "GET", action: .dropConnection, limit: 1)
            )
            await #expect(throws: (any Error).self) {
                _ = try await sim.graph("/users/\(sim.mailboxUser)/contacts", token: token)
            }
            #expect(try await sim.graph("/users/\(sim.mailboxUser)/contacts", token: token).status == 200)
            let dropped = await sim.control.requestLog().filter { $0.status == 0 }
            #expect(dropped.count == 1)
        }
    }

    @Test func slowResponse() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            await sim.control.setFault(FaultRule(endpoint: "graph.users", action: .delay(seconds: 0.4)))
            let clock = ContinuousClock()
            let start = clock.now
            #expect(try await sim.graph("/users?$top=1", token: token).status == 200)
            #expect(clock.now - start >= .milliseconds(400))
        }
    }

    @Test func appliedButResponseLost() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let before = try await sim.control.contactCount(inMailbox: sim.mailboxUser)
            await sim.control.setFault(
                FaultRule(endpoint: "graph.mailbox.contacts", method: "POST", action: .appliedButResponseLost, limit: 1)
            )
            await #expect(throws: (any Error).self) {
                _ = try await sim.graph(
                    "POST",
                    "/users/\(sim.mailboxUser)/contacts",
                    body: ["givenName": "Ghost"],
                    token: token
                )
            }
            let after = try await sim.control.contacts(inMailbox: sim.mailboxUser)
            #expect(after.count == before + 1)
            #expect(after.contains { $0["givenName"] == "Ghost" })

            let exchangeToken = try await sim.token(scope: SimSetup.exchangeScope)
            await sim.control.setFault(
                FaultRule(
                    endpoint: "exchange.invoke",
                    cmdlet: "New-MailContact",
                    action: .appliedButResponseLost,
                    limit: 1
                )
            )
            await #expect(throws: (any Error).self) {
                _ = try await sim.exchange(
                    "New-MailContact",
                    ["Name": "Lost", "ExternalEmailAddress": "lost@example.com"],
                    token: exchangeToken
                )
            }
            #expect(try await sim.control.mailContacts(tenantId: sim.tenant.tenantId).map(\.name) == ["Lost"])
        }
    }

    @Test func errorRateHitsSomeRequests() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            await sim.control.setFault(
                FaultRule(endpoint: "graph.users", action: .status(503, retryAfter: nil), rate: 0.5)
            )
            var statuses: [Int] = []
            for _ in 0..<30 { statuses.append(try await sim.graph("/users?$top=1", token: token).status) }
            #expect(statuses.contains(503))
            #expect(statuses.contains(200))
            await sim.control.clearFaults()
            #expect(try await sim.graph("/users?$top=1", token: token).status == 200)
        }
    }

    @Test func faultsInsideABatchAreInnerStatuses() async throws {
        try await withSimulator { sim in
            await sim.control.setFault(
                FaultRule(endpoint: "graph.users", action: .status(429, retryAfter: 1), limit: 1)
            )
            let result = try await sim.graph(
                "POST",
                "/$batch",
                body: ["requests": [["id": "1", "method": "GET", "url": "/users?$top=1"]]]
            )
            #expect(result.status == 200)
            #expect(result.json["responses"]?.arrayValue?.first?["status"]?.intValue == 429)
        }
    }

    @Test func controlHTTPAPIMirrorsTheSwiftAPI() async throws {
        try await withSimulator { sim in
            let rule: JSONValue = [
                "endpoint": "graph.users", "action": ["type": "status", "status": 503, "retryAfter": 1], "limit": 1,
            ]
            let set = try await TestHTTP.json("POST", "\(sim.base)/_sim/faults", token: nil, body: rule)
            #expect(set.status == 204, "\(set.text)")
            #expect(try await sim.graph("/users").status == 503)
            let counters = try await TestHTTP.send("GET", "\(sim.base)/_sim/counters")
            #expect(counters.json["graph.users"]?["503"]?.intValue == 1)
            let log = try await TestHTTP.send("GET", "\(sim.base)/_sim/log")
            #expect((log.json.arrayValue?.count ?? 0) >= 1)
            let users = try await TestHTTP.send("GET", "\(sim.base)/_sim/tenants/\(sim.tenant.tenantId)/users")
            #expect(users.json.arrayValue?.count == 40)
            let added = try await TestHTTP.json(
                "POST",
                "\(sim.base)/_sim/tenants/\(sim.tenant.domain)/users",
                token: nil,
                body: [
                    "userPrincipalName": .string("ctl@\(sim.tenant.domain)"), "displayName": "Control Made",
                    "hasMailbox": true,
                ]
            )
            #expect(added.status == 201)
            let id = try #require(added.json["id"]?.stringValue)
            let contact = try await TestHTTP.json(
                "POST",
                "\(sim.base)/_sim/tenants/\(sim.tenant.tenantId)/mailboxes/\(id)/contacts",
                token: nil,
                body: ["displayName": "Mine"]
            )
            #expect(contact.status == 201)
            let read = try await TestHTTP.send(
                "GET",
                "\(sim.base)/_sim/tenants/\(sim.tenant.tenantId)/mailboxes/\(id)/contacts"
            )
            #expect(read.json.arrayValue?.count == 1)
            let patched = try await TestHTTP.json(
                "PATCH",
                "\(sim.base)/_sim/tenants/\(sim.tenant.tenantId)/users/\(id)",
                token: nil,
                body: ["department": "Ops"]
            )
            #expect(patched.json["department"] == "Ops")
            #expect(
                try await TestHTTP.send("DELETE", "\(sim.base)/_sim/tenants/\(sim.tenant.tenantId)/users/\(id)").status
                    == 204
            )
            #expect(try await TestHTTP.send("GET", "\(sim.base)/_sim/tenants/unknown/users").status == 404)
            #expect(try await TestHTTP.send("DELETE", "\(sim.base)/_sim/faults").status == 204)
        }
    }
}
