import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A self-signed RSA certificate and key for client-assertion tests.
public enum TestClientCertificate {
    /// Returns `(certificatePEM, privateKeyPEM)` for a fresh 2048-bit RSA key.
    public static func make(commonName: String = "m365sync test app") throws -> (String, String) {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let name = try DistinguishedName { CommonName(commonName) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions(),
            issuerPrivateKey: .init(key)
        )
        return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
    }
}
