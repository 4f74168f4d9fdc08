import Crypto
import Foundation
import M365Primitives
import _CryptoExtras

/// Builds `client_assertion` JWTs for an app's generated certificate (for tests and the demo; m365sync has its own).
public enum AssertionBuilder {
    /// The signature algorithm and thumbprint header to use.
    public enum Algorithm: Sendable {
        /// `PS256` with `x5t#S256` (current documentation).
        case ps256
        /// `RS256` with `x5t` (older documentation).
        case rs256
    }

    /// A signed assertion; `audience` defaults to the token endpoint URL.
    public static func make(
        app: AppCredentials,
        tokenURL: String,
        algorithm: Algorithm = .ps256,
        issuedAt: Date = Date(),
        lifetime: TimeInterval = 600,
        audience: String? = nil
    ) throws -> String {
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: app.privateKeyPEM)
        var header: [String: JSONValue] = ["typ": "JWT"]
        switch algorithm {
        case .ps256:
            header["alg"] = "PS256"
            header["x5t#S256"] = .string(app.x5tS256)
        case .rs256:
            header["alg"] = "RS256"
            header["x5t"] = .string(app.x5t)
        }
        let now = Int(issuedAt.timeIntervalSince1970)
        var random = SeededRandom(seed: UInt64.random(in: 1...UInt64.max))
        let claims: JSONValue = [
            "aud": .string(audience ?? tokenURL), "iss": .string(app.clientId), "sub": .string(app.clientId),
            "jti": .string(random.guid()), "nbf": .number(Double(now)), "iat": .number(Double(now)),
            "exp": .number(Double(now + Int(lifetime))),
        ]
        let input =
            Base64URL.encode(JSONValue.object(header).serialized()) + "." + Base64URL.encode(claims.serialized())
        let signature = try key.signature(
            for: SHA256.hash(data: Array(input.utf8)),
            padding: algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5
        )
        return input + "." + Base64URL.encode(signature.rawRepresentation)
    }
}
