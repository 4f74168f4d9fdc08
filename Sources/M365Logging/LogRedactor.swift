/// Keeps secrets and access tokens out of every log backend.
///
/// Defensive by design: callers must never log secrets, and this catches the mistakes.
public enum LogRedactor {
    /// What a redacted value is replaced with.
    public static let mask = "[REDACTED]"

    /// Whether values under a metadata key with this name are always masked.
    public static func isSensitive(key: String) -> Bool {
        // Its letters and digits only: `client_secret`, `clientSecret` and `Client-Secret` all hold `clientsecret`.
        let folded =
            key.utf8.allSatisfy { $0 < 0x80 }
            ? key.utf8.filter { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0 & 0xDF) }
            : Array(String(key.lowercased().filter { $0.isLetter || $0.isNumber }).utf8)
        return folded.withUnsafeBufferPointer { sensitiveWords.occur(in: $0) } != false
    }

    /// `value` masked entirely when `key` is sensitive, otherwise with embedded tokens masked.
    public static func redact(key: String, value: String) -> String {
        isSensitive(key: key) ? mask : redact(text: value)
    }

    /// `text` with JWTs, `Bearer …` credentials and `secret=…`-style assignments masked.
    public static func redact(text: String) -> String {
        guard mightContainSecret(text) else { return text }
        var result = text.replacing(Patterns.jwt, with: mask)
        result = result.replacing(Patterns.bearer) { match in
            "\(match.output.1) \(mask)"
        }
        result = result.replacing(Patterns.assignment) { match in
            "\(match.output.1)\(mask)"
        }
        return result
    }

    private static let sensitiveKeyParts = [
        "secret", "token", "password", "passwd", "authorization", "assertion", "credential", "privatekey",
        "cookie", "apikey",
    ]

    private static let sensitiveWords = HintWords(sensitiveKeyParts)
    /// What the filter looks for: the start of a JWT (any case: a wider net than the pattern's), the auth scheme and
    /// the names of secrets.
    private static let hintWords = HintWords(["eyj", "bearer"] + sensitiveKeyParts)

    /// A cheap filter so that ordinary values (names, addresses, ids) skip the regular expressions: one pass over the
    /// bytes; a text holding a character whose lowercase form is ASCII (the Kelvin sign, `İ`) is searched lowercased.
    private static func mightContainSecret(_ text: String) -> Bool {
        hintWords.occur(in: text) ?? (hintWords.occur(in: text.lowercased()) != false)
    }
}

private enum Patterns {
    /// Three base64url segments, the first starting like a JSON header (`{"`).
    nonisolated(unsafe) static let jwt = #/eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*/#

    nonisolated(unsafe) static let bearer = #/(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*/#

    /// `client_secret=…`, `"access_token": "…"`, `password: …` inside free text, bodies or URLs.
    nonisolated(unsafe) static let assignment =
        #/(?i)((?:client_secret|client_assertion|secret|password|passwd|access_token|refresh_token|id_token|token|authorization|assertion)["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^"'&\s,;}]+/#
}
