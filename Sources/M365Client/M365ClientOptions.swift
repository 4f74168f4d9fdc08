/// Tunables of an ``M365Client``, with documented defaults.
public struct M365ClientOptions: Sendable {
    public var retryPolicy = RetryPolicy()
    public var clock = ClientClock.system
    /// Concurrent requests per mailbox (Outlook's limit is 4 per app and mailbox). Default 4.
    public var mailboxConcurrency = 4
    /// Operations per `$batch` (Graph allows 20). Default 20.
    public var batchSize = 20
    /// `$top` for directory listings (Graph maximum 999). Default 999.
    public var directoryPageSize = 999
    /// `$top` for mailbox contact and folder listings. Default 1000.
    public var contactsPageSize = 1000
    /// `Prefer: odata.maxpagesize` for contacts delta. Default 200 (the reported service cap).
    public var contactsDeltaPageSize = 200
    /// `Prefer: odata.maxpagesize` for Exchange cmdlets. Default 1000.
    public var exchangePageSize = 1000
    /// Limit for one HTTP attempt; nil uses the transport's. Default nil.
    public var requestTimeout: Duration?
    /// Random fraction 0...1 for backoff jitter; tests may fix it.
    public var jitter: @Sendable () -> Double = { Double.random(in: 0...1) }

    public init() {}
}
