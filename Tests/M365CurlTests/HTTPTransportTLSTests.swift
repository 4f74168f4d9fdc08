import Foundation
import HTTPTypes
import M365TestSupport
import Testing

@testable import M365Curl

@Suite struct HTTPTransportTLSTests {
    /// Writes the server's CA to a temporary PEM file and removes it afterwards.
    func withCAFile(_ server: HTTPTestServer, _ body: (String) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("m365-ca-\(UUID().uuidString).pem")
            .path
        try #require(server.caCertificatePEM).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await body(path)
    }

    @Test func httpsWithTheExtraCAFileSucceeds() async throws {
        try await withServer(tls: true) { transport, server in
            try await withCAFile(server) { caFile in
                let response = try await transport.send(
                    HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo"), extraCAFile: caFile)
                )
                #expect(response.head.status.code == 200)
                #expect(server.baseURL.hasPrefix("https://"))
            }
        }
    }

    @Test func httpsWithoutTheCAFails() async throws {
        try await withServer(tls: true) { transport, server in
            do {
                _ = try await transport.send(HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo")))
                Issue.record("an unknown CA must be refused")
            } catch let error as HTTPTransportError {
                #expect(error.isTLSFailure)
                #expect(!error.mayHaveReachedServer)
            }
            #expect(server.requests.isEmpty)
        }
    }

    @Test func missingCAFileIsAClearError() async throws {
        try await withServer(tls: true) { transport, server in
            do {
                _ = try await transport.send(
                    HTTPTransportRequest(HTTPRequest(url: server.baseURL + "/echo"), extraCAFile: "/nonexistent/ca.pem")
                )
                Issue.record("expected an error")
            } catch let error as HTTPTransportError {
                #expect(error.name == "invalidRequest")
                #expect(error.detail.contains("/nonexistent/ca.pem"))
            }
        }
    }
}

@Suite struct SystemTrustStoreTests {
    @Test func systemBundleIsFoundAndKeptBesideTheExtraCA() throws {
        let path = try #require(SystemTrustStore.bundlePath())
        let bundle = SystemTrustStore.bundle()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(String(decoding: bundle, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----"))
    }
}
