/// Settings of an ``HTTPTransport``, with documented defaults.
public struct HTTPTransportConfiguration: Sendable {
    /// Transfers running at once; more wait in a queue (holding no curl handle). Default 512: a job may run
    /// up to 500 mailboxes at once, each with a `$batch` in flight, and the throttling ceiling needs them all.
    public var maxConcurrentTransfers: Int = 512
    /// Open connections per host. Default 16: over HTTP/2 each carries up to 100 transfers at once (libcurl's
    /// default stream limit), so 16 carry `maxConcurrentTransfers`; over HTTP/1.1 the rest wait for one.
    public var maxConnectionsPerHost: Int = 16
    /// Time to establish a connection, TLS included. Default 15 s.
    public var connectTimeout: Duration = .seconds(15)
    /// Limit for a whole transfer when the request sets none. Default 120 s.
    public var requestTimeout: Duration = .seconds(120)
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` is aborted. Default 1 B/s for 60 s.
    public var lowSpeedLimit: Int = 1
    public var lowSpeedTime: Duration = .seconds(60)
    /// Largest response body accepted. Default 256 MiB.
    public var maxResponseBytes: Int = 256 << 20
    /// `User-Agent` header sent unless the request sets one.
    public var userAgent: String = "m365sync"

    public init() {}
}
