import Crypto
import Foundation
import M365Core
import M365Primitives
import _CryptoExtras

/// Builds the signed JWT client assertion of the identity platform's certificate credential.
struct ClientAssertion {
    var clientId: String
    /// The token endpoint URL (`aud`).
    var audience: String
    var algorithm: AssertionAlgorithm
    /// Lifetime from `nbf` to `exp`; the platform accepts up to 10 minutes.
    var lifetime: TimeInterval = 300

    struct Header: Encodable {
        var alg: String
        var typ = "JWT"
        var x5tS256: String?
        var x5t: String?

        enum CodingKeys: String, CodingKey {
            case alg, typ, x5t
            case x5tS256 = "x5t#S256"
        }
    }

    struct Claims: Encodable {
        var aud: String
        var iss: String
        var sub: String
        var jti: String
        var nbf: Int
        var iat: Int
        var exp: Int
    }

    /// The compact JWS `header.claims.signature`.
    func make(certificate: ClientCertificate, now: Date, jti: String) throws(M365Error) -> String {
        let issuedAt = Int(now.timeIntervalSince1970)
        let header =
            switch algorithm {
            case .ps256: Header(alg: "PS256", x5tS256: certificate.sha256Thumbprint)
            case .rs256: Header(alg: "RS256", x5t: certificate.sha1Thumbprint)
            }
        let claims = Claims(
            aud: audience,
            iss: clientId,
            sub: clientId,
            jti: jti,
            nbf: issuedAt,
            iat: issuedAt,
            exp: issuedAt + Int(min(lifetime, 600))
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let signingInput =
                Base64URL.encode(try encoder.encode(header)) + "." + Base64URL.encode(try encoder.encode(claims))
            let padding: _RSA.Signing.Padding = algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5
            let signature = try certificate.privateKey.signature(
                for: SHA256.hash(data: Data(signingInput.utf8)),
                padding: padding
            )
            return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
        } catch {
            throw .configuration("could not sign the client assertion")
        }
    }
}
