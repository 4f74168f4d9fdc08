import Foundation
import HTTPTypes
import M365Curl
import M365Primitives
import M365TestSupport
import Testing

/// Runs `body` with a fresh transport and test server, stopping both afterwards.
func withServer(
    tls: Bool = false,
    configuration: HTTPTransportConfiguration = HTTPTransportConfiguration(),
    _ body: (HTTPTransport, HTTPTestServer) async throws -> Void
) async throws {
    let server = try await HTTPTestServer.start(tls: tls)
    let transport = try HTTPTransport(configuration: configuration)
    do {
        try await body(transport, server)
    } catch let error as HTTPTransportError {
        transport.shutdown()
        await server.stop()
        throw error
    }
    transport.shutdown()
    await server.stop()
}

func json(_ response: HTTPTransportResponse) throws -> JSONValue {
    try JSONValue(decoding: response.body)
}

/// The echoed request headers as text by lower-cased name.
func echoedHeaders(_ echo: JSONValue) throws -> [String: String] {
    try #require(echo["headers"]?.objectValue).compactMapValues(\.stringValue)
}

@Suite struct HTTPTransportTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await withServer { transport, server in
            let response = try await transport.send(
                HTTPTransportRequest(
                    HTTPRequest(
                        url: server.baseURL + "/echo?a=1",
                        headerFields: [try #require(HTTPField.Name("X-Test")): "yes"]
                    )
                )
            )
            #expect(response.head.status.code == 200)
            #expect(response.mediaType == "application/json")
            #expect(response.httpVersion == "1.1")
            #expect(response.effectiveURL == server.baseURL + "/echo?a=1")
            let echo = try json(response)
            #expect(echo["method"]?.stringValue == "GET")
            #expect(echo["target"]?.stringValue == "/echo?a=1")
            let headers = try echoedHeaders(echo)
            #expect(headers["x-test"] == "yes")
            #expect(headers["user-agent"] == "m365sync")
            #expect(headers["expect"] == nil)
            #expect(headers["accept-encoding"]?.contains("gzip") == true)
        }
    }

    @Test(arguments: ["POST", "PATCH", "PUT", "DELETE"])
    func methodsCarryTheirBody(method: String) async throws {
        try await withServer { transport, server in
            let body = Data(#"{"displayName":"Zoë Ångström"}"#.utf8)
            let response = try await transport.send(
                HTTPTransportRequest(
                    HTTPRequest(method: try #require(HTTPRequest.Method(method)), url: server.baseURL + "/echo"),
                    body: body
                )
            )
            let echo = try json(response)
            #expect(echo["method"]?.stringValue == method)
            #expect(echo["body"]?.stringValue == #"{"displayName":"Zoë Ångström"}"#)
            #expect(response.bytesSent == body.count)
        }
    }

    @Test func postWithoutBodySendsEmptyBody() async throws {
        try await withServer { transport, server in
            let response = try await transport.send(
                HTTPTransportRequest(HTTPRequest(method: .post, url: server.baseURL + "/echo"))
            )
            let echo = try json(response)
            #expect(echo["method"]?.stringValue == "POST")
            #expect(echo["body"]?.stringValue == "")
        }
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        try await withServer { transport, server in
            for status in [400, 404, 429, 500, 503] {
                let response = try await transport.send(
                    HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/status/\(status)"))
                )
                #expect(response.head.status.code == status)
            }
        }
    }

    @Test func gzipBodiesAreDecoded() async throws {
        try await withServer { transport, server in
            let response = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/gzip")))
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"gzip":true}"#)
        }
    }

    @Test func manyConcurrentRequestsAllComplete() async throws {
        var configuration = HTTPTransportConfiguration()
        configuration.maxConcurrentTransfers = 8
        try await withServer(configuration: configuration) { transport, server in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await transport.send(
                            HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/item/\(index)"))
                        ).head.status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(server.requests.count == 200)
        }
    }

    @Test func responseLargerThanLimitFails() async throws {
        var configuration = HTTPTransportConfiguration()
        configuration.maxResponseBytes = 1000
        try await withServer(configuration: configuration) { transport, server in
            let small = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/bytes/1000")))
            #expect(small.body.count == 1000)
            await #expect(throws: HTTPTransportError.self) {
                _ = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/bytes/5000")))
            }
        }
    }

    @Test func invalidURLIsRejectedBeforeSending() async throws {
        let transport = try HTTPTransport()
        defer { transport.shutdown() }
        do {
            _ = try await transport.send(HTTPTransportRequest(HTTPRequest(url: "ftp://example.invalid/x")))
            Issue.record("expected an error")
        } catch {
            #expect(error.name == "invalidRequest")
            #expect(!error.mayHaveReachedServer)
        }
    }

    @Test func headerLineBreaksCannotInjectFields() async throws {
        try await withServer { transport, server in
            // HTTPFields turns a line break in a value into a space: the value cannot end the field.
            let response = try await transport.send(
                HTTPTransportRequest(
                    HTTPRequest(
                        url: server.baseURL + "/echo",
                        headerFields: [try #require(HTTPField.Name("X-Bad")): "a\r\nb: c"]
                    )
                )
            )
            let headers = try echoedHeaders(try json(response))
            #expect(headers["x-bad"]?.contains("\n") == false)
            #expect(headers["x-bad"]?.contains("\r") == false)
            #expect(headers["b"] == nil)
            #expect(server.requests.count == 1)
        }
    }

    @Test func requestsAfterShutdownFail() async throws {
        let transport = try HTTPTransport()
        transport.shutdown()
        do {
            _ = try await transport.send(HTTPTransportRequest(HTTPRequest(url: "http://127.0.0.1:1/")))
            Issue.record("expected an error")
        } catch {
            #expect(error.name == "shutdown")
        }
    }
}
