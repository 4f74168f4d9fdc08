import Crypto
import Foundation
import M365Core
import M365Primitives
import M365TestSupport
import Testing
import _CryptoExtras

@testable import M365Client

@Suite struct ClientAssertionTests {
    static func decode(_ part: Substring) throws -> JSONValue {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        let data = try #require(Data(base64Encoded: text))
        return try JSONValue(decoding: data)
    }

    static func signatureBytes(_ part: Substring) throws -> Data {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return try #require(Data(base64Encoded: text))
    }

    @Test(arguments: AssertionAlgorithm.allCases)
    func assertionCarriesDocumentedHeaderAndClaims(algorithm: AssertionAlgorithm) throws {
        let (certificatePEM, keyPEM) = try TestClientCertificate.make()
        let certificate = try ClientCertificate(certificatePEM: certificatePEM, privateKeyPEM: keyPEM)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let audience = "https://login.example/tenant-id/oauth2/v2.0/token"
        let jwt = try ClientAssertion(clientId: "app-id", audience: audience, algorithm: algorithm)
            .make(certificate: certificate, now: now, jti: "6f1c1b8e-0000-4000-8000-000000000001")
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(!jwt.contains("="))

        let header = try Self.decode(parts[0])
        #expect(header["alg"]?.stringValue == algorithm.rawValue)
        #expect(header["typ"]?.stringValue == "JWT")
        switch algorithm {
        case .ps256:
            #expect(header["x5t#S256"]?.stringValue == certificate.sha256Thumbprint)
            #expect(header["x5t"] == nil)
        case .rs256:
            #expect(header["x5t"]?.stringValue == certificate.sha1Thumbprint)
            #expect(header["x5t#S256"] == nil)
        }
        let claims = try Self.decode(parts[1])
        #expect(claims["aud"]?.stringValue == audience)
        #expect(claims["iss"]?.stringValue == "app-id")
        #expect(claims["sub"]?.stringValue == "app-id")
        #expect(claims["jti"]?.stringValue == "6f1c1b8e-0000-4000-8000-000000000001")
        #expect(claims["nbf"]?.numberValue == 1_700_000_000)
        let exp = try #require(claims["exp"]?.numberValue)
        #expect(exp > 1_700_000_000 && exp <= 1_700_000_600)

        let signature = _RSA.Signing.RSASignature(rawRepresentation: try Self.signatureBytes(parts[2]))
        let digest = SHA256.hash(data: Data("\(parts[0]).\(parts[1])".utf8))
        let padding: _RSA.Signing.Padding = algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5
        #expect(certificate.privateKey.publicKey.isValidSignature(signature, for: digest, padding: padding))
        let otherPadding: _RSA.Signing.Padding = algorithm == .ps256 ? .insecurePKCS1v1_5 : .PSS
        #expect(!certificate.privateKey.publicKey.isValidSignature(signature, for: digest, padding: otherPadding))
    }

    @Test func thumbprintsHashTheCertificateDER() throws {
        let (certificatePEM, keyPEM) = try TestClientCertificate.make()
        let certificate = try ClientCertificate(certificatePEM: certificatePEM, privateKeyPEM: keyPEM)
        let base64 = certificatePEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = try #require(Data(base64Encoded: base64))
        #expect(Array(der) == certificate.certificateDER)
        #expect(certificate.sha256Thumbprint == Base64URL.encode(SHA256.hash(data: der)))
        #expect(certificate.sha1Thumbprint == Base64URL.encode(Insecure.SHA1.hash(data: der)))
    }

    @Test func malformedPEMIsAConfigurationErrorWithoutContent() throws {
        let (certificatePEM, keyPEM) = try TestClientCertificate.make()
        do {
            _ = try ClientCertificate(certificatePEM: "not a certificate", privateKeyPEM: keyPEM)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .configuration)
        }
        do {
            _ = try ClientCertificate(certificatePEM: certificatePEM, privateKeyPEM: "secret-looking-garbage")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .configuration)
            #expect(!error.description.contains("secret-looking-garbage"))
        }
    }

    @Test func credentialFilesAreReadAndMissingOnesNamed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("m365-cred-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secretFile = directory.appendingPathComponent("secret").path
        try "s3cr3t-value\n".write(toFile: secretFile, atomically: true, encoding: .utf8)
        guard case .secret(let secret) = try LoadedCredential.load(.clientSecret(file: secretFile)) else {
            Issue.record("expected a secret")
            return
        }
        #expect(secret == "s3cr3t-value")
        do {
            _ = try LoadedCredential.load(.clientSecret(file: directory.appendingPathComponent("missing").path))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.message.contains("missing"))
        }
    }
}
