import Crypto
import Foundation
import M365Primitives
import _CryptoExtras

/// Checks a `client_assertion` JWT the way the identity platform does.
enum ClientAssertion {
    /// Why an assertion was refused, with the AADSTS code and text the service gives.
    struct Refusal: Error, Equatable {
        var code: Int
        var message: String
    }

    /// Verifies signature (PS256/RS256), thumbprint, `aud`, `iss`, `sub`, `exp`, `nbf`.
    static func verify(
        _ assertion: String,
        app: RegisteredApp,
        acceptedAudiences: Set<String>,
        now: Double
    ) throws(Refusal) {
        let token = try Token(assertion)
        try checkSignature(token, app: app)
        try checkIdentity(token.claims, clientId: app.credentials.clientId, acceptedAudiences: acceptedAudiences)
        try checkValidity(token.claims, now: now)
    }

    /// The three parts of a compact JWT, decoded.
    private struct Token {
        var signingInput: [UInt8]
        var header: JSONValue
        var claims: JSONValue
        var signature: [UInt8]

        init(_ assertion: String) throws(Refusal) {
            let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
                let payloadBytes = Base64URL.decode(parts[1]),
                let signature = Base64URL.decode(parts[2]), let header = try? JSONValue(decoding: Data(headerBytes)),
                let claims = try? JSONValue(decoding: Data(payloadBytes))
            else {
                throw Refusal(code: 50027, message: "JWT token is invalid or malformed.")
            }
            self.signingInput = Array((parts[0] + "." + parts[1]).utf8)
            self.header = header
            self.claims = claims
            self.signature = signature
        }
    }

    /// The header names the app's certificate by thumbprint and a supported algorithm, and the signature holds.
    private static func checkSignature(_ token: Token, app: RegisteredApp) throws(Refusal) {
        let header = token.header
        if let x5tS256 = header["x5t#S256"]?.stringValue {
            guard x5tS256 == app.credentials.x5tS256 else { throw keyNotFound(x5tS256, app) }
        } else if let x5t = header["x5t"]?.stringValue {
            guard x5t == app.credentials.x5t else { throw keyNotFound(x5t, app) }
        } else {
            throw keyNotFound("", app)
        }
        let padding: _RSA.Signing.Padding
        switch header["alg"]?.stringValue {
        case "PS256": padding = .PSS
        case "RS256": padding = .insecurePKCS1v1_5
        default: throw Refusal(code: 5002738, message: "Invalid JWT token. 'alg' is not supported.")
        }
        let digest = SHA256.hash(data: token.signingInput)
        guard
            app.publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: token.signature),
                for: digest,
                padding: padding
            )
        else {
            throw Refusal(code: 700027, message: "Client assertion failed signature validation.")
        }
    }

    /// `iss` and `sub` are the client id; `aud` is one of the token endpoint's URLs.
    private static func checkIdentity(
        _ claims: JSONValue,
        clientId: String,
        acceptedAudiences: Set<String>
    ) throws(Refusal) {
        guard claims["iss"]?.stringValue == clientId, claims["sub"]?.stringValue == clientId else {
            throw Refusal(
                code: 700021,
                message: "Client assertion application identifier doesn't match 'client_id' parameter."
            )
        }
        guard let aud = claims["aud"]?.stringValue, acceptedAudiences.contains(aud.lowercased()) else {
            let shown = claims["aud"]?.stringValue ?? ""
            throw Refusal(
                code: 700212,
                message: "No matching federated identity record found for presented assertion audience '\(shown)'."
            )
        }
    }

    /// `exp` present and not past; `nbf` not ahead; at most 10 minutes of validity; 5 minutes of skew.
    private static func checkValidity(_ claims: JSONValue, now: Double) throws(Refusal) {
        guard let exp = claims["exp"]?.numberValue else {
            throw Refusal(code: 50027, message: "JWT token is invalid or malformed. The 'exp' claim is missing.")
        }
        let skew = 300.0
        if exp + skew < now {
            throw Refusal(
                code: 700024,
                message:
                    "Client assertion is not within its valid time range. Current time: \(SimTime.iso8601(Int64(now))), assertion valid from \(SimTime.iso8601(Int64(claims["nbf"]?.numberValue ?? 0))), expiry time of assertion \(SimTime.iso8601(Int64(exp)))."
            )
        }
        if let nbf = claims["nbf"]?.numberValue, nbf - skew > now || exp - nbf > 600 + skew {
            throw Refusal(code: 700024, message: "Client assertion is not within its valid time range.")
        }
    }

    private static func keyNotFound(_ thumbprint: String, _ app: RegisteredApp) -> Refusal {
        Refusal(
            code: 700027,
            message:
                "Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '\(thumbprint)']"
        )
    }
}
