import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import Synchronization

/// A running simulated Microsoft 365: token endpoint, Graph, Exchange admin API and `/_sim/` on one base URL.
///
/// Stop it with ``stop()``; a server deinitialized while running is a programming error.
public final class SimulatorServer: Sendable {
    /// `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT`, no trailing slash.
    public let baseURL: String
    /// The generated CA certificate (PEM) when serving HTTPS.
    public let caCertificatePEM: String?
    /// The bound port.
    public let port: Int
    /// In-process control and inspection.
    public let control: SimulatorControl

    private let task: Mutex<Task<Void, any Error>?>
    private let running = Mutex(true)

    private init(
        baseURL: String,
        port: Int,
        caCertificatePEM: String?,
        control: SimulatorControl,
        task: Task<Void, any Error>
    ) {
        self.baseURL = baseURL
        self.port = port
        self.caCertificatePEM = caCertificatePEM
        self.control = control
        self.task = Mutex(task)
    }

    /// Starts a server and returns once it listens.
    public static func start(_ options: SimulatorOptions = SimulatorOptions()) async throws -> SimulatorServer {
        let state = SimulatorState(options: options)
        let engine = SimulatorEngine(state: state)
        var builder: HTTPServerBuilder = .http1()
        var caPEM: String?
        if options.tls {
            let identity = try CertificateFactory.makeTLSIdentity(host: options.host)
            caPEM = identity.caPEM
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: [
                    .certificate(try NIOSSLCertificate(bytes: identity.serverCertificateDER, format: .der))
                ],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.serverKeyPEM.utf8), format: .pem))
            )
            builder = try .tls(.http1(), tlsConfiguration: configuration)
        }
        let bound = PortPromise()
        let app = Application(
            responder: SimulatorResponder(engine: engine),
            server: builder,
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port),
                serverName: "Microsoft-IIS/10.0"
            ),
            onServerRunning: { channel in bound.fulfil(.success(channel.localAddress?.port ?? 0)) },
            logger: options.logger
        )
        let task = Task {
            do {
                try await app.run()
            } catch {
                bound.fulfil(.failure(error))
                throw error
            }
            bound.fulfil(.failure(SimulatorError.startFailed("the server stopped before it listened")))
        }
        let port: Int
        do {
            port = try await bound.value()
        } catch {
            task.cancel()
            throw SimulatorError.startFailed("\(error)")
        }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let baseURL = "\(options.tls ? "https" : "http")://\(host):\(port)"
        state.baseURL = baseURL
        return SimulatorServer(
            baseURL: baseURL,
            port: port,
            caCertificatePEM: caPEM,
            control: SimulatorControl(state: state),
            task: task
        )
    }

    /// Stops listening and waits for the server to finish.
    public func stop() async {
        running.withLock { $0 = false }
        guard
            let task = task.withLock({ value -> Task<Void, any Error>? in
                let current = value
                value = nil
                return current
            })
        else { return }
        task.cancel()
        _ = await task.result
    }

    /// Whether ``stop()`` has not been called yet.
    public var isRunning: Bool { running.withLock { $0 } }

    deinit {
        if running.withLock({ $0 }) {
            let message = "SimulatorServer at \(baseURL) was deinitialized while running: call `await server.stop()`\n"
            FileHandle.standardError.write(Data(message.utf8))
            assertionFailure(message)
        }
    }
}

/// A one-shot value set by the server once it listens (or fails to).
private final class PortPromise: Sendable {
    private let state = Mutex<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>(
        (nil, nil)
    )

    func fulfil(_ result: Result<Int, any Error>) {
        let waiter = state.withLock { value -> CheckedContinuation<Int, any Error>? in
            guard value.result == nil else { return nil }
            value.result = result
            let waiter = value.waiter
            value.waiter = nil
            return waiter
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { value -> Result<Int, any Error>? in
                if let result = value.result { return result }
                value.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
