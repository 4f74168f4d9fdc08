import Foundation

/// An HTTP method.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let delete = HTTPMethod(rawValue: "DELETE")

    public var description: String { rawValue }
}

/// One HTTP request as a plain value.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// Absolute `http` or `https` URL.
    public var url: String
    public var headers: HTTPHeaders
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
        method: HTTPMethod = .get,
        url: String,
        headers: HTTPHeaders = [:],
        body: Data? = nil,
        timeout: Duration? = nil,
        extraCAFile: String? = nil,
        isIdempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.extraCAFile = extraCAFile
        self.isIdempotent = isIdempotent ?? (method != .post)
    }
}
