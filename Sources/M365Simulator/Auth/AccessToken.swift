import Crypto
import Foundation
import M365Primitives

/// The resources a token can be issued for.
enum TokenResource: String, Sendable {
    case graph = "https://graph.microsoft.com"
    case exchange = "https://outlook.office365.com"

    /// Parses a `scope` value: exactly one resource's `/.default`.
    static func fromScope(_ scope: String) -> TokenResource? {
        let items = scope.split(separator: " ").map(String.init)
        guard items.count == 1, let only = items.first, only.lowercased().hasSuffix("/.default") else { return nil }
        let resource = String(only.dropLast("/.default".count)).lowercased()
        switch resource {
        case "https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000": return .graph
        case "https://outlook.office365.com", "https://outlook.office.com", "00000002-0000-0ff1-ce00-000000000000":
            return .exchange
        default: return nil
        }
    }
}

/// Claims of an access token the simulator issued.
struct AccessTokenClaims: Sendable {
    var audience: TokenResource
    var tenantId: String
    var clientId: String
    var issuedAt: Int64
    var expires: Int64
    var roles: [String]
}

/// Issues and checks the simulator's access tokens: JWT-shaped, HMAC-signed with a per-server key.
enum AccessToken {
    static func issue(_ claims: AccessTokenClaims, key: SymmetricKey) -> String {
        let header: JSONValue = ["typ": "JWT", "alg": "HS256", "kid": "m365sim"]
        let payload: JSONValue = [
            "aud": .string(claims.audience.rawValue),
            "iss": .string("https://sts.windows.net/\(claims.tenantId)/"),
            "iat": .number(Double(Int(claims.issuedAt))),
            "nbf": .number(Double(Int(claims.issuedAt))),
            "exp": .number(Double(Int(claims.expires))),
            "appid": .string(claims.clientId),
            "idtyp": "app",
            "roles": .strings(claims.roles),
            "tid": .string(claims.tenantId),
            "ver": "1.0",
        ]
        let signingInput = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(payload.serialized())
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Array(mac))
    }

    /// Why a bearer token was refused.
    enum Refusal: Error, Equatable {
        case missing, malformed, badSignature, expired, wrongAudience
    }

    static func verify(
        authorization: String?,
        expected: TokenResource,
        now: Double,
        key: SymmetricKey
    ) throws(Refusal) -> AccessTokenClaims {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else { throw .missing }
        let token = authorization.dropFirst("bearer ".count).trimmingCharacters(in: .whitespacesAndNewlines)
        if token.isEmpty { throw .missing }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(parts[2]),
            let payloadBytes = Base64URL.decode(parts[1]), let payload = try? JSONValue(decoding: Data(payloadBytes))
        else { throw .malformed }
        let signingInput = Array((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            throw .badSignature
        }
        guard let aud = payload["aud"]?.stringValue.flatMap(TokenResource.init(rawValue:)),
            let tid = payload["tid"]?.stringValue, let appid = payload["appid"]?.stringValue,
            let iat = payload["iat"]?.intValue, let exp = payload["exp"]?.intValue
        else { throw .malformed }
        if Double(exp) <= now { throw .expired }
        if aud != expected { throw .wrongAudience }
        let roles = payload["roles"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return AccessTokenClaims(
            audience: aud,
            tenantId: tid,
            clientId: appid,
            issuedAt: Int64(iat),
            expires: Int64(exp),
            roles: roles
        )
    }

    static func graphMessage(_ refusal: Refusal) -> String {
        switch refusal {
        case .missing: return "Access token is empty."
        case .malformed: return "IDX14100: JWT is not well formed, there are no dots (.)."
        case .badSignature: return "Access token validation failure. Invalid signature."
        case .expired: return "Lifetime validation failed, the token is expired."
        case .wrongAudience: return "Access token validation failure. Invalid audience."
        }
    }
}
