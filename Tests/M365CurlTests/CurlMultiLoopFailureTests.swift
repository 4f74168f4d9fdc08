import Foundation
import HTTPTypes
import M365TestSupport
import Synchronization
import Testing

@testable import M365Curl

/// libcurl's multi calls failing, through the loop's fault hook (a real multi handle cannot be made to fail).
@Suite struct CurlMultiLoopFailureTests {
    @Test func persistentMultiFailuresFailTheRequestsAndStopTheLoopInsteadOfSpinning() async throws {
        try await withServer { transport, server in
            transport.loop.injectedFailures.store(.max, ordering: .relaxed)
            var errors: [HTTPTransportError] = []
            for _ in 0..<10 {
                do {
                    _ = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo")))
                    Issue.record("a request succeeded while every multi call failed")
                } catch let error as HTTPTransportError {
                    errors.append(error)
                }
                if errors.last?.name == "shutdown" { break }
            }
            let first = try #require(errors.first)
            #expect(first.name == "libcurl")
            #expect(first.detail.contains("curl_multi_"), "the failed call is named: \(first.detail)")
            let last = try #require(errors.last)
            #expect(last.name == "shutdown", "the loop gave up: \(errors.map(\.detail))")
            #expect(last.detail.contains("repeated libcurl failures"))
            #expect(!last.isTransient, "callers do not retry a broken transport")
            // Two failed calls (perform, poll) per iteration, and the loop stops after the limit.
            #expect(transport.loop.failedCalls.load(ordering: .relaxed) == 2 * CurlMultiLoop.maxFailedIterations)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func oneFailedMultiCallLeavesTheTransportWorking() async throws {
        try await withServer { transport, server in
            transport.loop.injectedFailures.store(1, ordering: .relaxed)
            // The request in flight when the failure hits fails (or none was in flight); the loop goes on.
            _ = try? await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo")))
            let response = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo")))
            #expect(response.head.status.code == 200)
            #expect(transport.loop.failedCalls.load(ordering: .relaxed) == 1)
        }
    }
}
