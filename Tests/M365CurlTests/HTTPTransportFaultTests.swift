import Foundation
import HTTPTypes
import M365Curl
import M365TestSupport
import Testing

@Suite struct HTTPTransportFaultTests {
    @Test func refusedConnectionNeverReachedTheServer() async throws {
        let server = try await HTTPTestServer.start()
        let url = server.baseURL + "/echo"
        await server.stop()
        let transport = try HTTPTransport()
        defer { transport.shutdown() }
        do {
            _ = try await transport.send(
                HTTPTransportRequest(HTTPRequest(method: .post, url: url), body: Data("x".utf8))
            )
            Issue.record("expected an error")
        } catch {
            #expect(error.isConnectFailure)
            #expect(error.isTransient)
            #expect(!error.mayHaveReachedServer)
        }
    }

    @Test func droppedConnectionMayHaveReachedTheServer() async throws {
        try await withServer { transport, server in
            server.inject(.dropConnection)
            do {
                _ = try await transport.send(
                    HTTPTransportRequest(
                        HTTPRequest(method: .post, url: server.baseURL + "/echo"),
                        body: Data("x".utf8)
                    )
                )
                Issue.record("expected an error")
            } catch let error as HTTPTransportError {
                #expect(error.isConnectionLost)
                #expect(error.isTransient)
                #expect(error.mayHaveReachedServer)
            }
            // The next request works on a fresh connection.
            let response = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo")))
            #expect(response.head.status.code == 200)
        }
    }

    @Test func nonIdempotentRequestIsNeverResentAfterADrop() async throws {
        try await withServer { transport, server in
            // Open a connection that a later request could reuse.
            _ = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo")))
            server.inject(.dropConnection)
            do {
                _ = try await transport.send(
                    HTTPTransportRequest(
                        HTTPRequest(method: .post, url: server.baseURL + "/create"),
                        body: Data("x".utf8)
                    )
                )
                Issue.record("expected an error")
            } catch let error as HTTPTransportError {
                #expect(error.mayHaveReachedServer)
            }
            #expect(server.requests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func idempotentRequestOnAReusedConnectionMayBeResentByLibcurl() async throws {
        try await withServer { transport, server in
            _ = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo")))
            server.inject(.dropConnection)
            let response = try await transport.send(
                HTTPTransportRequest(HTTPRequest(method: .patch, url: server.baseURL + "/echo"), body: Data("x".utf8))
            )
            #expect(response.head.status.code == 200)
            #expect(server.requests.filter { $0.method == "PATCH" }.count == 2)
        }
    }

    @Test func truncatedBodyIsAnError() async throws {
        try await withServer { transport, server in
            server.inject(.truncatedBody)
            do {
                let response = try await transport.send(
                    HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/users"))
                )
                Issue.record("expected an error, got \(response.head.status.code) with \(response.body.count) bytes")
            } catch let error as HTTPTransportError {
                #expect(error.isConnectionLost)
            }
        }
    }

    @Test func htmlPageArrivesAsAResponseWithItsContentType() async throws {
        try await withServer { transport, server in
            server.inject(.htmlPage(503))
            let response = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/users")))
            #expect(response.head.status.code == 503)
            #expect(response.mediaType == "text/html")
        }
    }

    @Test func throttledResponseKeepsRetryAfter() async throws {
        try await withServer { transport, server in
            server.inject(.status(429, retryAfter: "2.128"))
            let response = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/users")))
            #expect(response.head.status.code == 429)
            #expect(response.header(.retryAfter) == "2.128")
        }
    }

    @Test func slowResponseHitsTheRequestTimeout() async throws {
        try await withServer { transport, server in
            server.inject(.slow(.seconds(6)))
            do {
                _ = try await transport.send(
                    HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/users"), timeout: .milliseconds(300))
                )
                Issue.record("expected a timeout")
            } catch let error as HTTPTransportError {
                #expect(error.isTimeout)
            }
            // A timeout error is the proof: had the timeout not worked, the answer would have come after 6 s and
            // the send would have succeeded. No wall-clock bound (none holds on a loaded machine), and no check that
            // the server saw the request first (under a sanitizer the 300 ms can pass before it does).
        }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        try await withServer { transport, server in
            server.inject(.slow(.seconds(8)))
            let task = Task {
                try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/users")))
            }
            while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            let clock = ContinuousClock()
            let start = clock.now
            task.cancel()
            let result = await task.result
            #expect(clock.now - start < .seconds(5), "well before the response would have come")
            switch result {
            case .success: Issue.record("expected cancellation")
            case .failure(let error): #expect((error as? HTTPTransportError)?.isCancellation == true)
            }
        }
    }
}
