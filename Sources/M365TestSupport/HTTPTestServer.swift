import Foundation
import Hummingbird
import Logging
import M365Simulator
import Synchronization

/// A real HTTP(S) server on 127.0.0.1 for transport tests: binds port 0, records requests, injects faults.
///
/// Routes in normal mode: `/echo` (the request as JSON), `/status/{code}`, `/bytes/{count}`,
/// `/gzip` (a gzip-encoded JSON body); anything else answers `{"path": …}`.
/// Stop it with ``stop()``; dropping a running server is a programming error and traps.
public final class HTTPTestServer: Sendable {
    /// What the server does with the next requests.
    public enum Fault: Sendable, Equatable {
        /// 429 or another status with an optional `Retry-After` value and a Graph-style JSON error.
        case status(Int, retryAfter: String?)
        /// An HTML error page with the given status.
        case htmlPage(Int)
        /// The connection closes without any response.
        case dropConnection
        /// A 200 whose body stops early: `Content-Length` promises more than is sent.
        case truncatedBody
        /// The response is delayed.
        case slow(Duration)
    }

    /// One request as the server saw it.
    public struct RecordedRequest: Sendable {
        public var method: String
        /// Path and query.
        public var target: String
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: Data

        /// A header's value, the name matched case-insensitively.
        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// A scripted answer for ``setHandler(_:)``.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String

        /// Headers: Content-Type, Retry-After, Location and Content-Encoding are sent; others are ignored.
        public init(status: Int = 200, headers: [String: String] = ["Content-Type": "application/json"], body: String) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    public typealias Handler = @Sendable (RecordedRequest) -> Reply?

    struct State {
        var handler: Handler?
        var faults: [Fault] = []
        var requests: [RecordedRequest] = []
        var stopped = false
    }

    let state = Mutex(State())
    private let task: Mutex<Task<Void, any Error>?>
    /// `http://127.0.0.1:PORT` or `https://localhost:PORT`.
    public let baseURL: String
    public let port: Int
    /// PEM of the CA that signed the TLS certificate (nil without TLS).
    public let caCertificatePEM: String?

    private init(baseURL: String, port: Int, caCertificatePEM: String?, task: Task<Void, any Error>?) {
        self.baseURL = baseURL
        self.port = port
        self.caCertificatePEM = caCertificatePEM
        self.task = Mutex(task)
    }

    deinit {
        precondition(state.withLock { $0.stopped }, "HTTPTestServer on \(baseURL) was not stopped")
    }

    /// Starts a server; with `tls`, on a certificate for `localhost` signed by a fresh CA.
    public static func start(tls: Bool = false) async throws -> HTTPTestServer {
        let box = ServerBox()
        let responder = CallbackResponder<LoopbackRequestContext> { request, context in
            guard let server = box.server else { throw TestServerError(message: "test server is gone") }
            return try await server.respond(to: request, context: context)
        }
        var logger = Logger(label: "HTTPTestServer")
        logger.logLevel = .critical
        let server: LoopbackServer
        do {
            server = try await LoopbackServer.start(responder: responder, host: "127.0.0.1", tls: tls, logger: logger)
        } catch {
            throw TestServerError(message: "test server did not start: \(error)")
        }
        let host = tls ? "https://localhost" : "http://127.0.0.1"
        let instance = HTTPTestServer(
            baseURL: "\(host):\(server.port)",
            port: server.port,
            caCertificatePEM: server.caCertificatePEM,
            task: server.task
        )
        box.server = instance
        return instance
    }

    /// Stops the server and waits for it to close.
    public func stop() async {
        let running = task.withLock { $0.take() }
        running?.cancel()
        _ = await running?.result
        state.withLock { $0.stopped = true }
    }

    /// Queues faults for the next requests, one per request, in order.
    public func inject(_ faults: [Fault]) {
        state.withLock { $0.faults.append(contentsOf: faults) }
    }

    /// Queues the same fault for the next `count` requests.
    public func inject(_ fault: Fault, count: Int = 1) {
        inject(Array(repeating: fault, count: count))
    }

    /// Answers requests with `handler` (nil from it falls back to the built-in routes); faults still come first.
    public func setHandler(_ handler: Handler?) {
        state.withLock { $0.handler = handler }
    }

    /// Every request received so far.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }
}

/// Lets the responder closure reach the server created after it.
private final class ServerBox: @unchecked Sendable {
    weak var server: HTTPTestServer?
}

struct TestServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
