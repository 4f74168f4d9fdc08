import Crypto
import Foundation
import M365Core
import M365Primitives
import SwiftASN1
import X509
import _CryptoExtras

/// An app certificate and its RSA private key, loaded from PEM.
struct ClientCertificate: Sendable {
    let certificateDER: [UInt8]
    let privateKey: _RSA.Signing.PrivateKey

    /// Parses PEM text; errors never quote the key.
    init(certificatePEM: String, privateKeyPEM: String) throws(M365Error) {
        do {
            let document = try PEMDocument(pemString: certificatePEM)
            guard document.discriminator == "CERTIFICATE" else {
                throw M365Error.configuration("certificate file does not hold a PEM CERTIFICATE")
            }
            _ = try Certificate(derEncoded: document.derBytes)
            certificateDER = document.derBytes
        } catch let error as M365Error {
            throw error
        } catch {
            throw .configuration("certificate file does not hold a readable PEM X.509 certificate")
        }
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw .configuration("private key file does not hold a readable PEM RSA key of 2048 bits or more")
        }
    }

    /// base64url SHA-256 of the certificate DER (`x5t#S256`).
    var sha256Thumbprint: String { Base64URL.encode(SHA256.hash(data: certificateDER)) }
    /// base64url SHA-1 of the certificate DER (`x5t`).
    var sha1Thumbprint: String { Base64URL.encode(Insecure.SHA1.hash(data: certificateDER)) }
}
