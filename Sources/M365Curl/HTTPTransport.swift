import Foundation
import Synchronization

/// Runs HTTP requests over libcurl: one multi handle, one thread, many concurrent transfers.
///
/// Connections are reused and HTTP/2 is multiplexed where the server offers it. Proxies come from
/// the standard environment variables. Dropping the last reference stops the thread.
public final class HTTPTransport: Sendable {
    let loop: CurlMultiLoop
    private let caBundles = Mutex<[String: Data]>([:])
    public let configuration: HTTPTransportConfiguration

    public init(configuration: HTTPTransportConfiguration = HTTPTransportConfiguration()) throws(HTTPTransportError) {
        self.configuration = configuration
        self.loop = try CurlMultiLoop(configuration: configuration)
    }

    deinit {
        loop.stop()
    }

    /// Performs one request; any HTTP status is a response, only transport failures throw.
    public func send(_ request: HTTPTransportRequest) async throws(HTTPTransportError) -> HTTPTransportResponse {
        if Task.isCancelled { throw .cancelled }
        let bundle = try request.extraCAFile.map { path throws(HTTPTransportError) in try caBundle(extraFile: path) }
        let transfer = CurlTransfer(id: loop.makeId(), request: request, caBundle: bundle)
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    transfer.continuation = continuation
                    loop.submit(transfer)
                }
            } onCancel: {
                loop.cancel(transfer)
            }
        } catch let error as HTTPTransportError {
            throw error
        } catch {
            throw .libcurl(code: -1, detail: "unexpected error", requestSent: true)
        }
    }

    /// Stops the loop thread; requests in flight and later ones fail with `shutdown`.
    public func shutdown() {
        loop.stop()
    }

    /// Like ``shutdown()``, and returns once the loop thread has closed every connection and freed libcurl's
    /// handles and caches (cached connections, TLS sessions and the parsed CA store).
    public func shutdownAndWait() {
        loop.stopAndWait()
    }

    /// The system trust bundle followed by the extra PEM file, cached per path.
    private func caBundle(extraFile path: String) throws(HTTPTransportError) -> Data {
        if let cached = caBundles.withLock({ $0[path] }) { return cached }
        guard let extra = FileManager.default.contents(atPath: path) else {
            throw .invalidRequest("cannot read CA file \(path)")
        }
        guard String(decoding: extra, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw .invalidRequest("CA file \(path) holds no PEM certificate")
        }
        var bundle = SystemTrustStore.bundle()
        bundle.append(0x0A)
        bundle.append(extra)
        caBundles.withLock { $0[path] = bundle }
        return bundle
    }
}
