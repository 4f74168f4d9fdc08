/// A transfer that produced no HTTP response.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case invalidRequest, couldNotResolveHost, couldNotConnect, tlsFailure, timedOut
        case connectionLost, responseTooLarge, cancelled, shutdown, libcurl
    }

    private let code: Code
    /// libcurl's result code, when the failure came from libcurl.
    public let curlCode: Int?
    /// libcurl's own explanation (its error buffer) or ours; never holds headers or bodies.
    public let detail: String
    /// False when the failure proves the request never reached the server (resolve, connect, TLS).
    public let mayHaveReachedServer: Bool

    private init(_ code: Code, curlCode: Int? = nil, detail: String, mayHaveReachedServer: Bool) {
        self.code = code
        self.curlCode = curlCode
        self.detail = detail
        self.mayHaveReachedServer = mayHaveReachedServer
    }

    public static func invalidRequest(_ detail: String) -> Self {
        .init(.invalidRequest, detail: detail, mayHaveReachedServer: false)
    }
    public static var cancelled: Self { .init(.cancelled, detail: "transfer cancelled", mayHaveReachedServer: true) }
    public static var shutdown: Self {
        .init(.shutdown, detail: "transport shut down", mayHaveReachedServer: false)
    }
    /// The loop gave up on libcurl after repeated multi-handle failures.
    static func broken(by failure: HTTPTransportError) -> Self {
        .init(
            .shutdown,
            detail: "transport stopped after repeated libcurl failures (\(failure.detail))",
            mayHaveReachedServer: false
        )
    }
    static func responseTooLarge(limit: Int) -> Self {
        .init(.responseTooLarge, detail: "response body exceeds \(limit) bytes", mayHaveReachedServer: true)
    }

    /// Maps a libcurl result code; `requestSent` says whether any request bytes went out.
    static func libcurl(code: Int, detail: String, requestSent: Bool) -> Self {
        let mapped: Code
        switch code {
        case 1, 3, 4: mapped = .invalidRequest  // unsupported protocol, malformed URL, not built in
        case 5, 6: mapped = .couldNotResolveHost  // proxy or host name
        case 7: mapped = .couldNotConnect
        case 28: mapped = .timedOut
        case 35, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91: mapped = .tlsFailure
        case 18, 52, 55, 56, 92, 95: mapped = .connectionLost  // partial, empty reply, send, recv, HTTP/2
        default: mapped = .libcurl
        }
        let unsent = [Code.invalidRequest, .couldNotResolveHost, .couldNotConnect, .tlsFailure].contains(mapped)
        return .init(mapped, curlCode: code, detail: detail, mayHaveReachedServer: requestSent || !unsent)
    }

    /// A short payload-free name for log fields and metrics.
    public var name: String { code.rawValue }

    /// True for failures worth retrying: connect, resolve, timeout, lost connection.
    public var isTransient: Bool {
        [.couldNotResolveHost, .couldNotConnect, .timedOut, .connectionLost, .libcurl].contains(code)
    }

    public var isCancellation: Bool { code == .cancelled }
    public var isTimeout: Bool { code == .timedOut }
    public var isTLSFailure: Bool { code == .tlsFailure }
    public var isConnectFailure: Bool { code == .couldNotConnect || code == .couldNotResolveHost }
    public var isConnectionLost: Bool { code == .connectionLost }

    public var description: String {
        let curl = curlCode.map { " (curl \($0))" } ?? ""
        return "HTTP transport error \(name)\(curl): \(detail)"
    }
}
