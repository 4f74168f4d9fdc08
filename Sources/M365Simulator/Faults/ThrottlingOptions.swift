/// Throttling limits, by default the documented figures of the real services.
public struct ThrottlingOptions: Sendable, Equatable, Codable {
    public var enabled: Bool
    /// Outlook: concurrent requests per app and mailbox.
    public var mailboxConcurrency: Int
    /// Outlook: requests per app and mailbox per window.
    public var mailboxRequestsPerWindow: Int
    public var mailboxWindowSeconds: Double
    /// Directory reads per app and tenant per window.
    public var directoryRequestsPerWindow: Int
    public var directoryWindowSeconds: Double
    /// Exchange admin API: concurrent requests per tenant.
    public var exchangeConcurrency: Int
    /// Exchange admin API: requests per tenant per window.
    public var exchangeRequestsPerWindow: Int
    public var exchangeWindowSeconds: Double
    /// Give `Retry-After` with a fraction (e.g. `2.128`) instead of whole seconds.
    public var fractionalRetryAfter: Bool

    public init(
        enabled: Bool = true,
        mailboxConcurrency: Int = 4,
        mailboxRequestsPerWindow: Int = 10_000,
        mailboxWindowSeconds: Double = 600,
        directoryRequestsPerWindow: Int = 3_500,
        directoryWindowSeconds: Double = 10,
        exchangeConcurrency: Int = 10,
        exchangeRequestsPerWindow: Int = 10_000,
        exchangeWindowSeconds: Double = 600,
        fractionalRetryAfter: Bool = false
    ) {
        self.enabled = enabled
        self.mailboxConcurrency = mailboxConcurrency
        self.mailboxRequestsPerWindow = mailboxRequestsPerWindow
        self.mailboxWindowSeconds = mailboxWindowSeconds
        self.directoryRequestsPerWindow = directoryRequestsPerWindow
        self.directoryWindowSeconds = directoryWindowSeconds
        self.exchangeConcurrency = exchangeConcurrency
        self.exchangeRequestsPerWindow = exchangeRequestsPerWindow
        self.exchangeWindowSeconds = exchangeWindowSeconds
        self.fractionalRetryAfter = fractionalRetryAfter
    }

    /// No throttling at all.
    public static let disabled = ThrottlingOptions(enabled: false)
}
