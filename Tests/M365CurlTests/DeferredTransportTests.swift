import HTTPTypes
import M365Curl
import M365TestSupport
import Testing

@Suite struct DeferredTransportTests {
    @Test("the transport is made on first use, with the given settings, and shared after")
    func madeOnFirstUseThenShared() async throws {
        var configuration = HTTPTransportConfiguration()
        configuration.userAgent = "m365sync-deferred"
        let deferred = DeferredTransport(configuration: configuration)
        #expect(!deferred.isMade)
        let server = try await HTTPTestServer.start(tls: false)
        let request = HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo"))
        let (first, response) = try await deferred.withTransport { transport in
            (transport, try? await transport.send(request))
        }
        let second = try await deferred.withTransport { $0 }
        #expect(deferred.isMade)
        #expect(first === second)
        deferred.releaseIfUnused()
        await server.stop()
        #expect(try echoedHeaders(json(try #require(response)))["user-agent"] == "m365sync-deferred")
    }

    @Test("it is let go only when no one uses it; the one let go is shut down and the next use makes another")
    func releasedOnlyWhenUnused() async throws {
        let deferred = DeferredTransport()
        let (held, releasedWhileUsed) = try await deferred.withTransport { ($0, deferred.releaseIfUnused()) }
        #expect(!releasedWhileUsed)
        #expect(deferred.isMade)
        #expect(deferred.releaseIfUnused())
        #expect(!deferred.isMade)
        #expect(!deferred.releaseIfUnused(), "nothing left to let go")
        let server = try await HTTPTestServer.start(tls: false)
        let request = HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo"))
        var refusal: HTTPTransportError?
        do {
            _ = try await held.send(request)
        } catch {
            refusal = error
        }
        let (next, status) = try await deferred.withTransport { ($0, try? await $0.send(request).head.status.code) }
        deferred.releaseIfUnused()
        await server.stop()
        #expect(refusal?.name == "shutdown")
        #expect(next !== held)
        #expect(status == 200)
    }
}
