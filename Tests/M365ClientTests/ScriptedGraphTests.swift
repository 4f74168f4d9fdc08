import Foundation
import M365Client
import M365Core
import M365TestSupport
import Testing

@Suite struct ScriptedGraphTests {
    @Test func secretTokenRequestAndHeadersOnEveryPage() async throws {
        try await ScriptedHarness.with { h in
            let base = h.server.baseURL
            h.server.setHandler(
                ScriptedHarness.handler { request in
                    if request.target.contains("skiptoken=2") {
                        return .init(body: #"{"value":[{"id":"u3"}]}"#)
                    }
                    return .init(
                        body:
                            #"{"value":[{"id":"u1"},{"id":"u2"}],"@odata.nextLink":"\#(base)/v1.0/users?$skiptoken=2"}"#
                    )
                }
            )
            let users = try await h.client.graph.listUserIds(filter: "userType eq 'Member'")
            #expect(users == ["u1", "u2", "u3"])

            let token = try #require(h.tokenRequests.first)
            let form = String(decoding: token.body, as: UTF8.self)
            #expect(token.target == "/\(ScriptedHarness.tenantId)/oauth2/v2.0/token")
            #expect(form.contains("client_id=app-1"))
            #expect(form.contains("grant_type=client_credentials"))
            #expect(form.contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
            #expect(form.contains("client_secret=\(ScriptedHarness.secret)"))

            let pages = h.graphRequests
            #expect(pages.count == 2)
            #expect(pages[0].target.contains("$select=id&"))
            #expect(pages[0].target.contains("$top=999"))
            #expect(pages[0].target.contains("$count=true"))
            for page in pages {
                #expect(page.header("Authorization") == "Bearer token-1")
                #expect(page.header("ConsistencyLevel") == "eventual")
                #expect(UUID(uuidString: page.header("client-request-id") ?? "") != nil)
            }
            #expect(h.client.metrics.snapshot().byKind["graph.users"] == 2)
            #expect(h.client.metrics.snapshot().byKind["token"] == 1)
        }
    }

    @Test func refusedTokenIsRefreshedOnceThenTheServiceMessageFails() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(
                ScriptedHarness.handler { request in
                    if request.header("Authorization") == "Bearer token-1" || request.target.contains("always401") {
                        return .init(
                            status: 401,
                            body:
                                #"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}"#
                        )
                    }
                    return .init(body: #"{"value":[]}"#)
                }
            )
            let users = try await h.client.graph.listUsers(select: [])
            #expect(users.isEmpty)
            #expect(h.tokenRequests.count == 2)
            do {
                _ = try await h.client.graph.listUserIds(filter: "always401")
                Issue.record("expected 401")
            } catch let error as M365Error {
                #expect(error.kind == .unauthorized)
                #expect(error.serviceCode == "InvalidAuthenticationToken")
                #expect(error.message == "Access token has expired.")
                #expect(!error.description.contains("token-"))
            }
            #expect(h.tokenRequests.count == 3)
        }
    }

    @Test func concurrentRequestsShareOneTokenFetch() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(ScriptedHarness.handler { _ in .init(body: #"{"value":[]}"#) })
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { _ = try await h.client.graph.listOrgContacts(select: ["mail"]) } }
                try await group.waitForAll()
            }
            #expect(h.tokenRequests.count == 1)
        }
    }

    @Test func expiredTokenIsRenewedBeforeUse() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(ScriptedHarness.handler(tokenLifetime: 0) { _ in .init(body: #"{"value":[]}"#) })
            _ = try await h.client.graph.listOrgContacts(select: [])
            _ = try await h.client.graph.listOrgContacts(select: [])
            #expect(h.tokenRequests.count == 2)
            #expect(h.graphRequests.map { $0.header("Authorization") } == ["Bearer token-1", "Bearer token-2"])
        }
    }

    @Test func tokenErrorsCarryTheAADSTSCode() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler { _ in
                .init(
                    status: 401,
                    body:
                        #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}"#
                )
            }
            do {
                _ = try await h.client.graph.listUsers(select: [])
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .authentication)
                #expect(error.serviceCode == "AADSTS7000215")
                #expect(!error.description.contains(ScriptedHarness.secret))
            }
        }
    }
}
