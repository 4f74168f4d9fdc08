import Foundation
import M365Core
import M365Primitives
import Testing

@testable import M365Client

@Suite struct GraphBatchTests {
    @Test func chunksHoldAtMostTwentyInOrder() {
        #expect(GraphBatch.chunks(count: 0, size: 20).isEmpty)
        #expect(GraphBatch.chunks(count: 20, size: 20) == [0..<20])
        #expect(GraphBatch.chunks(count: 41, size: 20) == [0..<20, 20..<40, 40..<41])
        #expect(GraphBatch.chunks(count: 3, size: 0) == [0..<1, 1..<2, 2..<3])
    }

    @Test func bodyCarriesContentTypeOnlyWithABody() throws {
        let body = GraphBatch.body([
            .init(id: "1", method: "POST", url: "/users/a/contacts", body: .object(["givenName": .string("A")])),
            .init(id: "2", method: "DELETE", url: "/users/a/contacts/x", body: nil),
        ])
        let requests = try #require(body.objectValue?["requests"]?.arrayValue)
        #expect(requests[0][path: "headers.Content-Type"] == .string("application/json"))
        #expect(requests[0][path: "body.givenName"] == .string("A"))
        #expect(requests[1].objectValue?["headers"] == nil)
        #expect(requests[1].objectValue?["body"] == nil)
    }

    @Test func repliesAreMatchedByIdWithInnerRetryAfter() throws {
        let text = """
            {"responses":[
              {"id":"2","status":429,"headers":{"Retry-After":"1.5"},"body":{"error":{"code":"TooManyRequests"}}},
              {"id":"1","status":201,"headers":{"Content-Type":"application/json"},"body":{"id":"c1"}},
              {"id":"3","status":204}
            ]}
            """
        let object = try #require(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)).objectValue)
        let replies = try #require(GraphBatch.replies(object))
        #expect(replies["1"]?.status == 201)
        #expect(replies["1"]?.body?.objectValue?["id"] == .string("c1"))
        #expect(replies["2"]?.retryAfter(now: Date()) == .milliseconds(1500))
        #expect(replies["3"]?.body == nil)
    }

    @Test func wrongShapeIsRejected() throws {
        #expect(GraphBatch.replies(["value": .array([])]) == nil)
        #expect(GraphBatch.replies(["responses": .array([.object(["id": .string("1")])])]) == nil)
    }

    @Test func fixtureResponseParses() throws {
        let path = "/work/shared/reference/graph-fixtures/graph/batch-response.v1.json"
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let object = try #require(try JSONDecoder().decode(JSONValue.self, from: data).objectValue)
        let replies = try #require(GraphBatch.replies(object))
        #expect(replies["1"]?.status == 200)
        #expect(replies["2"]?.status == 403)
    }
}

@Suite struct DeltaFoldTests {
    @Test func removalsAreSeparatedAndReplaysCollapse() {
        let items: [[String: JSONValue]] = [
            ["id": .string("a"), "displayName": .string("A1")],
            ["id": .string("b"), "@removed": .object(["reason": .string("deleted")])],
            ["id": .string("a"), "displayName": .string("A2")],
            ["id": .string("c"), "@removed": .object(["reason": .string("changed")])],
            ["id": .string("c"), "displayName": .string("C back")],
        ]
        let (changed, removed) = DeltaResult.fold(items)
        #expect(changed.map { $0["displayName"] } == [.string("A2"), .string("C back")])
        #expect(removed == [DeltaRemoval(id: "b", reason: "deleted")])
    }

    @Test func laterEntriesOfAnObjectAddToItsEarlierPropertiesUntilARemoval() {
        let items: [[String: JSONValue]] = [
            ["id": "a", "displayName": "A", "jobTitle": "Old"],
            ["id": "a", "jobTitle": "New"],
            ["id": "b", "displayName": "B"],
            ["id": "b", "@removed": ["reason": "deleted"]],
            ["id": "c", "@removed": ["reason": "changed"]],
            ["id": "c", "displayName": "C"],
        ]
        let (changed, removed) = DeltaResult.fold(items)
        #expect(changed == [["id": "a", "displayName": "A", "jobTitle": "New"], ["id": "c", "displayName": "C"]])
        #expect(removed == [DeltaRemoval(id: "b", reason: "deleted")])
    }

    @Test func expiredTokenDetection() {
        let gone = M365Error.http(status: 410, serviceCode: nil, message: "", context: .init(operation: "x"))
        let syncState = M365Error.http(
            status: 400,
            serviceCode: "SyncStateNotFound",
            message: "",
            context: .init(operation: "x")
        )
        let other = M365Error.http(status: 400, serviceCode: "BadRequest", message: "", context: .init(operation: "x"))
        #expect(GraphClient.isExpiredDeltaToken(gone))
        #expect(GraphClient.isExpiredDeltaToken(syncState))
        #expect(!GraphClient.isExpiredDeltaToken(other))
    }
}
