import Crypto
import Foundation
import M365Primitives
import SwiftASN1
import Synchronization
import X509
import _CryptoExtras

/// Generates the simulator's TLS CA and server certificate, and app certificates for client assertions.
enum CertificateFactory {
    /// A TLS identity: the CA that signed it, the server certificate chain and its key.
    struct TLSIdentity: Sendable {
        var caPEM: String
        var serverCertificateDER: [UInt8]
        var serverKeyPEM: String
    }

    /// An RSA certificate for an app registration: generated (self-signed, with its key) or registered (no key).
    struct AppCertificate: Sendable {
        var certificatePEM: String
        var certificateDER: [UInt8]
        var privateKeyPEM: String
        var publicKey: _RSA.Signing.PublicKey
    }

    static func makeTLSIdentity(host: String) throws -> TLSIdentity {
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            CommonName("m365sim test CA")
            OrganizationName("m365sync simulator")
        }
        let ca = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3_600),
            notValidAfter: now.addingTimeInterval(3_650 * 86_400),
            issuer: caName,
            subject: caName,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(caKey)
        )
        let serverKey = P256.Signing.PrivateKey()
        var names: [GeneralName] = [.dnsName("localhost")]
        if let address = IPv4Address(host) {
            names.append(.ipAddress(ASN1OctetString(contentBytes: address.bytes[...])))
        }
        names.append(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])))
        if IPv4Address(host) == nil, host != "localhost" { names.append(.dnsName(host)) }
        let server = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(serverKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3_600),
            notValidAfter: now.addingTimeInterval(825 * 86_400),
            issuer: caName,
            subject: try DistinguishedName { CommonName("localhost") },
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(caKey)
        )
        return TLSIdentity(
            caPEM: try ca.serializeAsPEM().pemString,
            serverCertificateDER: try derBytes(server),
            serverKeyPEM: serverKey.pemRepresentation
        )
    }

    /// Makes a certificate for an app; `keySlot` picks a key from a process-wide pool (RSA generation is slow),
    /// nil generates a fresh key.
    static func makeAppCertificate(clientId: String, keySlot: Int?) throws -> AppCertificate {
        let key = try keySlot.map(AppKeyPool.key(slot:)) ?? _RSA.Signing.PrivateKey(keySize: .bits2048)
        let now = Date()
        let name = try DistinguishedName { CommonName("m365sync app \(clientId)") }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400),
            notValidAfter: now.addingTimeInterval(730 * 86_400),
            issuer: name,
            subject: name,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
            },
            issuerPrivateKey: .init(key)
        )
        return AppCertificate(
            certificatePEM: try certificate.serializeAsPEM().pemString,
            certificateDER: try derBytes(certificate),
            privateKeyPEM: key.pkcs8PEMRepresentation,
            publicKey: key.publicKey
        )
    }

    /// Parses a PEM certificate that a caller registers for an app.
    static func parseAppCertificate(pem: String) throws -> AppCertificate {
        let certificate = try Certificate(pemEncoded: pem)
        guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else {
            throw SimulatorError.invalidArgument("the app certificate must hold an RSA key")
        }
        return AppCertificate(
            certificatePEM: pem,
            certificateDER: try derBytes(certificate),
            privateKeyPEM: "",
            publicKey: key
        )
    }

    static func derBytes(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// `x5t` (SHA-1) and `x5t#S256` (SHA-256) thumbprints, base64url.
    static func thumbprints(der: [UInt8]) -> (sha1: String, sha256: String) {
        (Base64URL.encode(Insecure.SHA1.hash(data: der)), Base64URL.encode(SHA256.hash(data: der)))
    }
}

/// RSA keys shared by the apps of all simulators in a process: app `n` of a server uses slot `n % size`,
/// so apps of one server have distinct keys while tests avoid generating a key per app.
enum AppKeyPool {
    static let size = 8
    private static let keys = Mutex<[Int: _RSA.Signing.PrivateKey]>([:])

    static func key(slot: Int) throws -> _RSA.Signing.PrivateKey {
        let index = slot % size
        if let key = keys.withLock({ $0[index] }) { return key }
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        return keys.withLock { stored in
            if let existing = stored[index] { return existing }
            stored[index] = key
            return key
        }
    }
}

/// A dotted-quad IPv4 address.
struct IPv4Address: Equatable {
    let bytes: [UInt8]

    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            bytes.append(byte)
        }
        self.bytes = bytes
    }
}
