import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("HTTPS")
struct HTTPSTests {
    @Test func servesHTTPSWithTheGeneratedCA() async throws {
        try await withSimulator(tls: true) { sim in
            #expect(sim.base.hasPrefix("https://127.0.0.1:"))
            let pem = try #require(sim.server.caCertificatePEM)
            let caFile = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sim-ca-\(UUID().uuidString).pem"
            )
            try pem.write(to: caFile, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: caFile) }
            let token = try await Curl.run([
                "--cacert", caFile.path, "-d", "client_id=\(sim.app.clientId)", "--data-urlencode",
                "client_secret=\(sim.app.clientSecret)",
                "-d", "grant_type=client_credentials", "--data-urlencode", "scope=\(SimSetup.graphScope)", sim.tokenURL,
            ])
            #expect(token.status == 0, "\(token.output)")
            let access = try #require((try? JSONValue(decoding: Data(token.output.utf8)))?["access_token"]?.stringValue)
            let users = try await Curl.run([
                "--cacert", caFile.path, "-H", "Authorization: Bearer \(access)", "\(sim.base)/v1.0/users?$top=2",
            ])
            #expect((try? JSONValue(decoding: Data(users.output.utf8)))?["value"]?.arrayValue?.count == 2)
            // Without the CA the handshake fails.
            let untrusted = try await Curl.run(["\(sim.base)/v1.0/users"])
            #expect(untrusted.status != 0)
        }
    }

    @Test func stopIsIdempotentAndFreesThePort() async throws {
        let server = try await SimulatorServer.start()
        #expect(server.isRunning)
        await server.stop()
        await server.stop()
        #expect(!server.isRunning)
        await #expect(throws: (any Error).self) {
            _ = try await TestHTTP.send("GET", "\(server.baseURL)/_sim/counters", timeout: 2)
        }
    }
}
