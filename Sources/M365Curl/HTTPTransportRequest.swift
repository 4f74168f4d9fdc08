import Foundation
import HTTPTypes

/// A request for ``HTTPTransport``: the HTTP head, and the body and transfer settings that travel beside it.
public struct HTTPTransportRequest: Sendable {
    /// Method, scheme, authority, path (with query) and header fields.
    public var head: HTTPRequest
    public var body: Data?
    /// Limit for the whole transfer; nil uses the transport's default.
    public var timeout: Duration?
    /// Absolute path of a PEM file with extra trust anchors, added to the system trust store.
    public var extraCAFile: String?
    /// False for requests that must not be sent twice (creates). libcurl silently re-sends a request
    /// whose reused connection closed without answering; a non-idempotent request therefore always
    /// goes out on a fresh connection, where libcurl never does that. Default: false for POST.
    public var isIdempotent: Bool

    public init(
        _ head: HTTPRequest,
        body: Data? = nil,
        timeout: Duration? = nil,
        extraCAFile: String? = nil,
        isIdempotent: Bool? = nil
    ) {
        self.head = head
        self.body = body
        self.timeout = timeout
        self.extraCAFile = extraCAFile
        self.isIdempotent = isIdempotent ?? (head.method != .post)
    }

    /// The absolute `http` or `https` URL the head names, byte for byte; nil for anything else.
    var url: String? {
        guard let scheme = head.scheme, ["http", "https"].contains(scheme.lowercased()),
            let authority = head.authority, !authority.isEmpty, let path = head.path
        else { return nil }
        return "\(scheme)://\(authority)\(path)"
    }
}

extension HTTPRequest {
    /// A request for an absolute URL given as text, split into scheme, authority and path without
    /// re-encoding anything; text that is not `scheme://authority…` leaves them nil (the transport refuses it).
    public init(method: Method = .get, url: String, headerFields: HTTPFields = [:]) {
        guard let schemeEnd = url.range(of: "://") else {
            self.init(method: method, scheme: nil, authority: nil, path: nil, headerFields: headerFields)
            return
        }
        let rest = url[schemeEnd.upperBound...]
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let path = rest[pathStart...]
        self.init(
            method: method,
            scheme: String(url[..<schemeEnd.lowerBound]),
            authority: String(rest[..<pathStart]),
            path: path.hasPrefix("/") ? String(path) : "/" + path,
            headerFields: headerFields
        )
    }
}
