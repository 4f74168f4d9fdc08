import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Graph $batch")
struct BatchTests {
    private func batch(_ sim: SimSetup, _ requests: [JSONValue]) async throws -> HTTPResult {
        try await sim.graph("POST", "/$batch", body: ["requests": .array(requests)])
    }

    @Test func runsRequestsAndMatchesTheFixture() async throws {
        try await withSimulator { sim in
            let user = sim.mailboxUser
            let result = try await batch(
                sim,
                [
                    ["id": "1", "method": "GET", "url": "/users?$top=2"],
                    [
                        "id": "2", "method": "POST", "url": .string("/users/\(user)/contacts"),
                        "headers": ["Content-Type": "application/json"], "body": ["givenName": "Batchy"],
                    ],
                    [
                        "id": "3", "method": "GET", "url": "users?$select=id,displayName,userPrincipalName&$count=true",
                        "headers": ["ConsistencyLevel": "eventual"],
                    ],
                    ["id": "4", "method": "GET", "url": "/users/nobody@example.com/contacts"],
                ]
            )
            #expect(result.status == 200)
            let responses = try #require(result.json["responses"]?.arrayValue)
            let byId = Dictionary(uniqueKeysWithValues: responses.map { ($0["id"]?.stringValue ?? "", $0) })
            let fixture = try #require(try Fixtures.load("graph/batch-response.v1.json")["responses"]?.arrayValue)
            // Item 1 of the fixture lists directory roles: compare its envelope, headers and paging, not the role objects.
            var listing = try #require(fixture[0].objectValue)
            var listingBody = try #require(listing["body"]?.objectValue)
            listingBody["value"] = []
            listing["body"] = .object(listingBody)
            #expect(Fixtures.shapeMismatches(try #require(byId["1"]), .object(listing)) == [])
            #expect(Fixtures.shapeMismatches(try #require(byId["4"]), fixture[2]) == [])
            #expect(Fixtures.shapeMismatches(try #require(byId["3"]), fixture[4]) == [])
            #expect(Set(byId.keys) == ["1", "2", "3", "4"])
            #expect(byId["1"]?["status"]?.intValue == 200)
            #expect(byId["2"]?["status"]?.intValue == 201)
            #expect(byId["3"]?["body"]?["@odata.count"] != nil)
            #expect(byId["4"]?["status"]?.intValue == 404)
            let log = await sim.control.requestLog()
            #expect(log.filter { $0.batchId != nil }.count == 4)
        }
    }

    @Test func limitsAndPayloadErrors() async throws {
        try await withSimulator { sim in
            let many = (1...21).map {
                JSONValue.object(["id": .string("\($0)"), "method": "GET", "url": "/users?$top=1"])
            }
            let tooMany = try await batch(sim, many)
            #expect(tooMany.status == 400)
            #expect(try await batch(sim, Array(many.prefix(20))).status == 200)
            let duplicate = try await batch(
                sim,
                [["id": "1", "method": "GET", "url": "/users"], ["id": "1", "method": "GET", "url": "/users"]]
            )
            #expect(duplicate.status == 400)
            let noContentType = try await batch(
                sim,
                [["id": "1", "method": "POST", "url": "/users/x/contacts", "body": ["a": "b"]]]
            )
            #expect(noContentType.status == 400)
        }
    }

    @Test func dependentsOfAFailedRequestGet424() async throws {
        try await withSimulator { sim in
            let result = try await batch(
                sim,
                [
                    ["id": "a", "method": "GET", "url": "/users/nobody@example.com"],
                    ["id": "b", "method": "GET", "url": "/users?$top=1", "dependsOn": ["a"]],
                    ["id": "c", "method": "GET", "url": "/users?$top=1", "dependsOn": ["b"]],
                    ["id": "d", "method": "GET", "url": "/users?$top=1"],
                ]
            )
            let statuses = Dictionary(
                uniqueKeysWithValues: (result.json["responses"]?.arrayValue ?? []).map {
                    ($0["id"]?.stringValue ?? "", $0["status"]?.intValue ?? 0)
                }
            )
            #expect(statuses == ["a": 404, "b": 424, "c": 424, "d": 200])
        }
    }

    @Test func innerThrottlingIs429InsideA200Envelope() async throws {
        var throttling = ThrottlingOptions()
        throttling.mailboxRequestsPerWindow = 3
        throttling.fractionalRetryAfter = true
        try await withSimulator(throttling: throttling) { sim in
            let requests = (1...6).map {
                JSONValue.object([
                    "id": .string("\($0)"), "method": "GET", "url": .string("/users/\(sim.mailboxUser)/contacts"),
                ])
            }
            let result = try await batch(sim, requests)
            #expect(result.status == 200)
            let responses = result.json["responses"]?.arrayValue ?? []
            let throttled = responses.filter { $0["status"]?.intValue == 429 }
            #expect(throttled.count == 3)
            let retryAfter = try #require(throttled.first?["headers"]?["Retry-After"]?.stringValue)
            #expect(Double(retryAfter) != nil)
            #expect(retryAfter.contains("."))
            #expect(throttled.first?["body"]?["error"]?["code"] == "TooManyRequests")
        }
    }

    @Test func responsesComeOutOfOrderSometimes() async throws {
        try await withSimulator { sim in
            var reordered = false
            for _ in 0..<5 where !reordered {
                let requests = (1...8).map {
                    JSONValue.object(["id": .string("\($0)"), "method": "GET", "url": "/users?$top=1"])
                }
                let ids =
                    (try await batch(sim, requests)).json["responses"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
                    ?? []
                #expect(Set(ids) == Set((1...8).map(String.init)))
                reordered = ids != (1...8).map(String.init)
            }
            #expect(reordered)
        }
    }
}
