import Foundation

/// Building Graph and Exchange URLs with correctly escaped path segments and query values.
enum URLBuilder {
    private static let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

    /// Percent-encodes everything but RFC 3986 unreserved characters plus `extra`.
    static func escape(_ text: String, keeping extra: String = "") -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: unreserved + extra)) ?? text
    }

    /// A path segment such as a UPN or an Outlook id (keeps `@`, escapes `/`, `+`, `=`).
    static func segment(_ text: String) -> String { escape(text, keeping: "@") }

    /// `base` + `path` + `?name=value&…` with values escaped (OData punctuation kept readable).
    static func url(_ base: String, _ path: String, query: [(String, String)] = []) -> String {
        var url = base.hasSuffix("/") ? String(base.dropLast()) : base
        url += path
        if !query.isEmpty {
            url += "?" + query.map { "\($0.0)=\(escape($0.1, keeping: ",()'$:@/"))" }.joined(separator: "&")
        }
        return url
    }

    /// True when both URLs have the same scheme, host and port (tokens are never sent elsewhere).
    static func sameOrigin(_ link: String, _ base: String) -> Bool {
        guard let a = URL(string: link), let b = URL(string: base) else { return false }
        return a.scheme == b.scheme && a.host == b.host && a.port == b.port
    }

    /// `application/x-www-form-urlencoded` body from pairs.
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }
}
