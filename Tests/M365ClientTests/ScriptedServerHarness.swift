import Foundation
import Logging
import M365Client
import M365Core
import M365Curl
import M365TestSupport
import Synchronization
import Testing

/// Records the waits a client asked for and returns at once.
final class RecordingSleeper: Sendable {
    private let waits = Mutex<[Duration]>([])

    var recorded: [Duration] { waits.withLock { $0 } }

    func clock() -> ClientClock {
        ClientClock(now: { Date() }, sleep: { [self] duration in waits.withLock { $0.append(duration) } })
    }
}

/// A client wired to a scripted loopback server, with a secret credential in a temporary file.
struct ScriptedHarness: ScopedFixture {
    let server: HTTPTestServer
    let transport: HTTPTransport
    let client: M365Client
    let sleeper: RecordingSleeper
    let directory: URL

    static let tenantId = "11111111-2222-3333-4444-555555555555"
    static let secret = "very-secret-value"

    /// Runs `body` with a harness and tears everything down afterwards.
    static func with(
        options: M365ClientOptions = M365ClientOptions(),
        _ body: (ScriptedHarness) async throws -> Void
    ) async throws {
        let server = try await HTTPTestServer.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "m365-client-\(UUID().uuidString)"
        )
        let transport: HTTPTransport
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let secretFile = directory.appendingPathComponent("secret").path
            try secret.write(toFile: secretFile, atomically: true, encoding: .utf8)
            transport = try HTTPTransport()
            let tenant = TenantConfiguration(
                name: "contoso",
                tenantId: tenantId,
                clientId: "app-1",
                credential: .clientSecret(file: secretFile),
                endpoints: ServiceEndpoints(login: server.baseURL, graph: server.baseURL, exchange: server.baseURL)
            )
            let sleeper = RecordingSleeper()
            var options = options
            options.clock = sleeper.clock()
            options.jitter = { 0.5 }
            let client = M365Client(
                tenant: tenant,
                transport: transport,
                options: options,
                logger: Logger(label: "test")
            )
            let harness = ScriptedHarness(
                server: server,
                transport: transport,
                client: client,
                sleeper: sleeper,
                directory: directory
            )
            try await harness.use(body)
        } catch {
            await server.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    func tearDown() async {
        transport.shutdown()
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A handler answering the token endpoint and delegating everything else.
    static func handler(
        tokenLifetime: Int = 3599,
        _ rest: @escaping @Sendable (HTTPTestServer.RecordedRequest) -> HTTPTestServer.Reply?
    ) -> HTTPTestServer.Handler {
        let issued = Mutex(0)
        return { request in
            if request.target.hasSuffix("/oauth2/v2.0/token") {
                let number = issued.withLock { count in
                    count += 1
                    return count
                }
                return .init(
                    body: #"{"token_type":"Bearer","expires_in":\#(tokenLifetime),"access_token":"token-\#(number)"}"#
                )
            }
            return rest(request)
        }
    }

    var graphRequests: [HTTPTestServer.RecordedRequest] {
        server.requests.filter { $0.target.hasPrefix("/v1.0/") }
    }

    var tokenRequests: [HTTPTestServer.RecordedRequest] {
        server.requests.filter { $0.target.hasSuffix("/oauth2/v2.0/token") }
    }
}
