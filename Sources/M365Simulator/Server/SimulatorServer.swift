import Foundation
import Hummingbird
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
        let control = SimulatorControl(state: state)
        let server: LoopbackServer
        do {
            server = try await LoopbackServer.start(
                responder: SimulatorResponder(
                    engine: SimulatorEngine(state: state),
                    control: control.router().buildResponder()
                ),
                host: options.host,
                port: options.port,
                tls: options.tls,
                serverName: "Microsoft-IIS/10.0",
                logger: options.logger
            )
        } catch {
            throw SimulatorError.startFailed("\(error)")
        }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let baseURL = "\(options.tls ? "https" : "http")://\(host):\(server.port)"
        state.baseURL = baseURL
        return SimulatorServer(
            baseURL: baseURL,
            port: server.port,
            caCertificatePEM: server.caCertificatePEM,
            control: control,
            task: server.task
        )
    }

    /// Stops listening and waits for the server to finish.
    public func stop() async {
        running.withLock { $0 = false }
        guard let task = task.withLock({ $0.take() }) else { return }
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
