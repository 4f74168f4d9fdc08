import Foundation
import M365Client
import M365Core
import M365Primitives
import M365TestSupport
import Synchronization
import Testing

@Suite struct ScriptedBatchAndExchangeTests {
    /// Answers `$batch`: items named "throttle…" get one inner 429 (Retry-After 0.3), "…/missing" a 404.
    static func batchHandler() -> HTTPTestServer.Handler {
        let throttled = Mutex(Set<String>())
        return ScriptedHarness.handler { request in
            guard request.target == "/v1.0/$batch",
                let object = try? JSONValue(decoding: request.body),
                let requests = object["requests"]?.arrayValue
            else { return nil }
            var responses: [String] = []
            for item in requests.reversed() {
                let id = item["id"]?.stringValue ?? "?"
                let url = item["url"]?.stringValue ?? ""
                let key = item["body"]?["givenName"]?.stringValue ?? url
                if url.hasSuffix("/missing") {
                    responses.append(
                        #"{"id":"\#(id)","status":404,"headers":{"request-id":"r-\#(id)"},"body":{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}}"#
                    )
                } else if key.hasPrefix("throttle"), throttled.withLock({ $0.insert(key).inserted }) {
                    responses.append(
                        #"{"id":"\#(id)","status":429,"headers":{"Retry-After":"0.3"},"body":{"error":{"code":"ApplicationThrottled"}}}"#
                    )
                } else if item["method"] == "POST" {
                    responses.append(#"{"id":"\#(id)","status":201,"body":{"id":"new-\#(key)"}}"#)
                } else {
                    responses.append(#"{"id":"\#(id)","status":204}"#)
                }
            }
            return .init(body: #"{"responses":[\#(responses.joined(separator: ","))]}"#)
        }
    }

    @Test func batchesOfTwentyWithMixedResultsAndInnerRetries() async throws {
        try await ScriptedHarness.with { h in
            h.server.setHandler(Self.batchHandler())
            var changes: [ContactChange] = (0..<23).map { index in
                let name = [3, 13, 21].contains(index) ? "throttle\(index)" : "p\(index)"
                return ContactChange(
                    key: "k\(index)",
                    operation: .create(folderId: "F", properties: ["givenName": .string(name)])
                )
            }
            changes.append(
                ContactChange(key: "u", operation: .update(contactId: "c1", properties: ["jobTitle": .null]))
            )
            changes.append(ContactChange(key: "d", operation: .delete(contactId: "missing")))
            let results = try await h.client.graph.applyContactChanges(mailbox: "alice@contoso.com", changes: changes)
            #expect(results.map(\.key) == changes.map(\.key))
            #expect(try results[0].result.get()?["id"] == .string("new-p0"))
            #expect(try results[3].result.get()?["id"] == .string("new-throttle3"))
            #expect(try results[13].result.get()?["id"] == .string("new-throttle13"))
            #expect(try results[21].result.get()?["id"] == .string("new-throttle21"))
            #expect(try results[23].result.get() == nil)
            let missing = try #require(results[24].error)
            #expect(missing.kind == .notFound)
            #expect(missing.requestId == "r-5")
            #expect(missing.operation == "graph.contact.delete")

            let batches = h.graphRequests.filter { $0.target == "/v1.0/$batch" }
            let sizes = try batches.map { batch in
                try JSONValue(decoding: batch.body)["requests"]?.arrayValue?.count ?? 0
            }
            #expect(sizes == [20, 2, 5, 1])
            #expect(h.sleeper.recorded == [.milliseconds(300), .milliseconds(300)])
            let metrics = h.client.metrics.snapshot()
            #expect(metrics.batchItems == 28)
            #expect(metrics.byKindAndStatus["graph.contact.create 429"] == 3)
            #expect(metrics.throttled == 2)
        }
    }

    @Test func exchangeInvokePagesByRePostingAndStripsAnnotations() async throws {
        try await ScriptedHarness.with { h in
            let base = h.server.baseURL
            h.server.setHandler(
                ScriptedHarness.handler { request in
                    guard request.target.contains("/adminapi/beta/") else { return nil }
                    if request.target.contains("page=2") {
                        return .init(body: ##"{"value":[{"Name":"b","Name@odata.type":"#String"}]}"##)
                    }
                    return .init(
                        body:
                            ##"{"@odata.context":"x","@adminapi.warnings":["careful"],"value":[{"@odata.type":"#Exchange.MailContact","Name":"a"}],"@odata.nextLink":"\##(base)/adminapi/beta/\##(ScriptedHarness.tenantId)/InvokeCommand?page=2"}"##
                    )
                }
            )
            let rows = try await h.client.exchange.invoke(
                cmdlet: "Get-MailContact",
                parameters: ["ResultSize": .string("Unlimited")]
            )
            #expect(rows == [["Name": .string("a")], ["Name": .string("b")]])
            let calls = h.server.requests.filter { $0.target.contains("/adminapi/") }
            #expect(calls.count == 2)
            #expect(calls[0].body == calls[1].body)
            for call in calls {
                #expect(call.method == "POST")
                #expect(call.header("X-CmdletName") == "Get-MailContact")
                #expect(
                    call.header("X-AnchorMailbox")
                        == "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@\(ScriptedHarness.tenantId)"
                )
                #expect(call.header("Prefer") == "odata.maxpagesize=1000")
            }
            let input = try #require(try JSONValue(decoding: calls[0].body)["CmdletInput"])
            #expect(input["CmdletName"] == "Get-MailContact")
            #expect(input["Parameters"]?["ResultSize"] == "Unlimited")
            let token = try #require(h.tokenRequests.first)
            #expect(
                String(decoding: token.body, as: UTF8.self).contains(
                    "scope=https%3A%2F%2Foutlook.office365.com%2F.default"
                )
            )
        }
    }

    @Test func exchangeThrottlingMessageIsRetried() async throws {
        try await ScriptedHarness.with { h in
            let calls = Mutex(0)
            h.server.setHandler(
                ScriptedHarness.handler { request in
                    let number = calls.withLock { count in
                        count += 1
                        return count
                    }
                    if number == 1 {
                        return .init(
                            status: 500,
                            body:
                                #"{"error":{"code":"InternalServerError","message":"Error executing cmdlet","details":[{"code":"Client","message":"X|Microsoft.Exchange.Throttling|The maximum number of concurrent requests per tenant has been exceeded"}]}}"#
                        )
                    }
                    return .init(body: #"{"value":[{"Name":"new"}]}"#)
                }
            )
            let rows = try await h.client.exchange.invoke(
                cmdlet: "New-MailContact",
                parameters: ["Name": .string("new"), "ExternalEmailAddress": .string("n@x.com")]
            )
            #expect(rows.count == 1)
            #expect(h.client.metrics.snapshot().throttled == 1)
        }
    }
}
