import Synchronization

/// An ``HTTPTransport`` made when it is first needed, shared while in use, and let go when no one uses it.
///
/// The daemon holds one. Until its first job runs, libcurl and its TLS library stay uninitialised (about 2.5 MiB
/// an idle daemon would otherwise keep resident) and no transfer thread runs. Once its runs are over it lets the
/// transport go (``releaseIfUnused()``): the connections it would keep would be closed by the servers long before
/// the next run, and their buffers, TLS sessions and the parsed CA store would stay resident until then.
public final class DeferredTransport: Sendable {
    private struct State {
        var transport: HTTPTransport?
        var users = 0
    }

    private let state = Mutex(State())
    private let configuration: HTTPTransportConfiguration

    public init(configuration: HTTPTransportConfiguration = HTTPTransportConfiguration()) {
        self.configuration = configuration
    }

    /// Whether a transport is held now.
    public var isMade: Bool { state.withLock { $0.transport != nil } }

    /// Runs `body` with the transport, made first if none is held; it is not let go while a body runs. A failure
    /// to make it is thrown to this caller, and the next one tries again.
    public func withTransport<Result>(
        _ body: (HTTPTransport) async -> Result
    ) async throws(HTTPTransportError) -> Result {
        let transport = try checkOut()
        defer { state.withLock { $0.users -= 1 } }
        return await body(transport)
    }

    /// Lets the transport go when no body is running: its thread closes every connection and frees libcurl's
    /// handles before this returns. The next ``withTransport(_:)`` makes a new one. Whether one was let go.
    @discardableResult
    public func releaseIfUnused() -> Bool {
        let released = state.withLock { (state: inout State) -> HTTPTransport? in
            guard state.users == 0 else { return nil }
            defer { state.transport = nil }
            return state.transport
        }
        released?.shutdownAndWait()
        return released != nil
    }

    private func checkOut() throws(HTTPTransportError) -> HTTPTransport {
        try state.withLock { (state: inout State) throws(HTTPTransportError) -> HTTPTransport in
            let transport: HTTPTransport
            if let held = state.transport {
                transport = held
            } else {
                transport = try HTTPTransport(configuration: configuration)
            }
            state.transport = transport
            state.users += 1
            return transport
        }
    }
}
