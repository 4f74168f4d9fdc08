import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import Synchronization

/// A Hummingbird server for tests on a loopback address, over HTTP or over HTTPS with a freshly generated CA.
///
/// The simulator's server and M365TestSupport's `HTTPTestServer` both start through it: one TLS factory
/// (``CertificateFactory``), one readiness signal, one request context that can drop its connection.
package struct LoopbackServer: Sendable {
    /// The bound port.
    package let port: Int
    /// The generated CA certificate (PEM) when serving HTTPS.
    package let caCertificatePEM: String?
    /// The running server; cancel it to stop.
    package let task: Task<Void, any Error>

    /// Starts `responder` on `host:port` (0 picks a port) and returns once it listens.
    package static func start<Responder: HTTPResponder>(
        responder: Responder,
        host: String,
        port: Int = 0,
        tls: Bool,
        serverName: String? = nil,
        logger: Logger
    ) async throws -> LoopbackServer where Responder.Context == LoopbackRequestContext {
        var builder: HTTPServerBuilder = .http1()
        var caPEM: String?
        if tls {
            let identity = try CertificateFactory.makeTLSIdentity(host: host)
            caPEM = identity.caPEM
            builder = try .tls(.http1(), tlsConfiguration: try identity.serverConfiguration())
        }
        let bound = PortPromise()
        let app = Application(
            responder: responder,
            server: builder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: serverName),
            onServerRunning: { channel in bound.fulfil(.success(channel.localAddress?.port ?? 0)) },
            logger: logger
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
        do {
            return LoopbackServer(port: try await bound.value(), caCertificatePEM: caPEM, task: task)
        } catch {
            task.cancel()
            throw error
        }
    }
}

/// Request context of a loopback server: keeps the connection's channel, so that a fault can drop it.
package struct LoopbackRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    package let channel: any Channel

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    package var maxUploadSize: Int { 64 * 1024 * 1024 }

    /// Closes the connection without an answer.
    package func dropConnection() async throws -> Never {
        try? await channel.close()
        throw DroppedConnection()
    }
}

/// Thrown after a fault closed the connection on purpose.
package struct DroppedConnection: Error, CustomStringConvertible {
    package var description: String { "connection dropped on purpose" }
}

extension CertificateFactory.TLSIdentity {
    /// A NIOSSL server configuration presenting this identity's certificate.
    func serverConfiguration() throws -> TLSConfiguration {
        TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: serverCertificateDER, format: .der))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serverKeyPEM.utf8), format: .pem))
        )
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
            return value.waiter.take()
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
