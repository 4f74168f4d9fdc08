import Logging
import M365Core
import M365Curl

/// The client of one tenant's Microsoft 365 services: tokens, Graph and Exchange Online.
///
/// Create one per tenant and run (its ``metrics`` count that run); share one ``HTTPTransport``
/// across clients so that connections are reused.
public final class M365Client: Sendable {
    public let tenant: TenantConfiguration
    public let graph: GraphClient
    public let exchange: ExchangeClient
    /// Counters of every request this client made.
    public let metrics: RequestMetrics
    let tokens: TokenProvider
    let engine: RequestEngine

    public init(
        tenant: TenantConfiguration,
        transport: HTTPTransport,
        options: M365ClientOptions = M365ClientOptions(),
        metrics: RequestMetrics = RequestMetrics(),
        logger: Logger
    ) {
        var logger = logger
        logger[metadataKey: "tenant"] = "\(tenant.name)"
        let engine = RequestEngine(
            transport: transport,
            policy: options.retryPolicy,
            clock: options.clock,
            metrics: metrics,
            limiter: MailboxLimiter(limit: options.mailboxConcurrency),
            logger: logger,
            caFile: tenant.caFile,
            timeout: options.requestTimeout,
            jitter: options.jitter
        )
        let tokens = TokenProvider(tenant: tenant, engine: engine)
        self.tenant = tenant
        self.metrics = metrics
        self.engine = engine
        self.tokens = tokens
        self.graph = GraphClient(tenant: tenant, engine: engine, tokens: tokens, options: options)
        self.exchange = ExchangeClient(tenant: tenant, engine: engine, tokens: tokens, options: options)
    }

    /// Gets (or reuses) a token for `resource`; useful to check credentials up front.
    public func verifyCredentials(for resource: TokenResource = .graph) async throws {
        _ = try await tokens.token(for: resource)
    }

    /// The most requests ever in flight at once for `mailbox` (for tests and benchmarks).
    public func peakMailboxConcurrency(_ mailbox: String) async -> Int {
        await engine.limiter.peakSlots(mailbox)
    }
}
