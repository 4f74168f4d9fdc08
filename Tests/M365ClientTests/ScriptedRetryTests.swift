import Foundation
import M365Client
import M365Core
import M365Primitives
import M365TestSupport
import Testing

@Suite struct ScriptedRetryTests {
    static let emptyList: HTTPTestServer.Handler = ScriptedHarness.handler { _ in .init(body: #"{"value":[]}"#) }

    @Test(arguments: [408, 429, 502, 503, 504])
    func retryableStatusesAreRetriedAfterRetryAfter(status: Int) async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(Self.emptyList)
            _ = try await h.client.verifyCredentials()
            h.server.inject(.status(status, retryAfter: "0.25"), count: 2)
            let contacts = try await h.client.graph.listOrgContacts(select: [])
            #expect(contacts.isEmpty)
            #expect(h.sleeper.recorded == [.milliseconds(250), .milliseconds(250)])
            let metrics = h.client.metrics.snapshot()
            #expect(metrics.retries == 2)
            #expect(metrics.throttled == (status == 429 || status == 503 ? 2 : 0))
            #expect(metrics.byKindAndStatus["graph.orgContacts \(status)"] == 2)
            #expect(metrics.byKindAndStatus["graph.orgContacts 200"] == 1)
        }
    }

    @Test func withoutRetryAfterTheBackoffGrows() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(Self.emptyList)
            _ = try await h.client.verifyCredentials()
            h.server.inject(.status(503, retryAfter: nil), count: 3)
            _ = try await h.client.graph.listOrgContacts(select: [])
            #expect(h.sleeper.recorded == [.milliseconds(750), .milliseconds(1500), .seconds(3)])
        }
    }

    @Test func persistentThrottlingGivesUpWithAThrottledError() async throws {
        var options = M365ClientOptions()
        options.retryPolicy.maxAttempts = 3
        try await ScriptedHarness.with(options: options) { h in
            h.server.setHandler(Self.emptyList)
            _ = try await h.client.verifyCredentials()
            h.server.inject(.status(429, retryAfter: "0.01"), count: 3)
            do {
                _ = try await h.client.graph.listOrgContacts(select: [])
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .throttled)
                #expect(error.status == 429)
                #expect(error.serviceCode == "TooManyRequests")
            }
            #expect(h.sleeper.recorded.count == 2)
        }
    }

    @Test func htmlErrorPageIsRetriedThenNamed() async throws {
        var options = M365ClientOptions()
        options.retryPolicy.maxAttempts = 2
        try await ScriptedHarness.with(options: options) { h in
            h.server.setHandler(Self.emptyList)
            _ = try await h.client.verifyCredentials()
            h.server.inject(.htmlPage(503), count: 2)
            do {
                _ = try await h.client.graph.listOrgContacts(select: [])
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .serviceUnavailable)
                #expect(error.contentType == "text/html")
                #expect(error.description.contains("503"))
            }
        }
    }

    @Test func htmlPageWithSuccessStatusIsInvalidNeverEmpty() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(
                ScriptedHarness.handler { _ in
                    .init(headers: ["Content-Type": "text/html"], body: "<html><body>Sign in</body></html>")
                }
            )
            do {
                _ = try await h.client.graph.listUsers(select: [])
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .invalidResponse)
                #expect(error.status == 200)
                #expect(error.contentType == "text/html")
            }
        }
    }

    @Test(arguments: [#"{"value":{"id":"x"}}"#, #"{"values":[]}"#, #"[{"id":"x"}]"#, #"{"value":[{"id":"x"}"#, ""])
    func wrongShapesAreInvalidResponses(body: String) async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(ScriptedHarness.handler { _ in .init(body: body) })
            do {
                let users = try await h.client.graph.listUsers(select: [])
                Issue.record("expected an error, got \(users.count) users")
            } catch let error as M365Error {
                #expect(error.kind == .invalidResponse)
            }
        }
    }

    @Test func failedPageInTheMiddleFailsTheWholeListing() async throws {
        var options = M365ClientOptions()
        options.retryPolicy.maxAttempts = 1
        try await ScriptedHarness.with(options: options) { h in
            let base = h.server.baseURL
            h.server.setHandler(
                ScriptedHarness.handler { request in
                    if request.target.contains("page=2") { return .init(status: 500, body: #"{"error":{"code":"x"}}"#) }
                    return .init(body: #"{"value":[{"id":"a"}],"@odata.nextLink":"\#(base)/v1.0/users?page=2"}"#)
                }
            )
            await #expect(throws: M365Error.self) { _ = try await h.client.graph.listUsers(select: []) }
        }
    }

    @Test func droppedConnectionOnAReadIsRetried() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(Self.emptyList)
            _ = try await h.client.verifyCredentials()
            h.server.inject(.dropConnection)
            _ = try await h.client.graph.listOrgContacts(select: [])
            // Either libcurl re-sent it on a fresh connection (the connection was reused) or the engine retried.
            #expect(h.graphRequests.count == 2)
        }
    }

    @Test func droppedConnectionOnACreateIsNeverRepeated() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(ScriptedHarness.handler { _ in .init(status: 201, body: #"{"id":"c1"}"#) })
            _ = try await h.client.verifyCredentials()
            h.server.inject(.dropConnection)
            do {
                _ = try await h.client.graph.createContact(
                    mailbox: "a@b.c",
                    folderId: nil,
                    properties: ["givenName": .string("A")]
                )
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .outcomeUnknown)
            }
            #expect(h.graphRequests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func throttledCreateIsRetriedBecauseItWasNotApplied() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(ScriptedHarness.handler { _ in .init(status: 201, body: #"{"id":"c1"}"#) })
            _ = try await h.client.verifyCredentials()
            h.server.inject(.status(429, retryAfter: "0.01"))
            let created = try await h.client.graph.createContact(mailbox: "a@b.c", folderId: "f 1", properties: [:])
            #expect(created["id"] == .string("c1"))
            #expect(
                h.graphRequests.map(\.target) == [
                    "/v1.0/users/a@b.c/contactFolders/f%201/contacts",
                    "/v1.0/users/a@b.c/contactFolders/f%201/contacts",
                ]
            )
        }
    }

    @Test func gatewayTimeoutOnACreateIsNotRetried() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(ScriptedHarness.handler { _ in .init(status: 201, body: #"{"id":"c1"}"#) })
            _ = try await h.client.verifyCredentials()
            h.server.inject(.status(504, retryAfter: "0.01"))
            await #expect(throws: M365Error.self) {
                _ = try await h.client.graph.createContact(mailbox: "a@b.c", folderId: nil, properties: [:])
            }
            #expect(h.graphRequests.count == 1)
        }
    }
}
