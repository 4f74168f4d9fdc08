import Logging

/// How a simulator server starts.
public struct SimulatorOptions: Sendable {
    /// Serve HTTPS with a generated CA and server certificate.
    public var tls: Bool
    /// Address to bind; loopback by default.
    public var host: String
    /// Port to bind; 0 picks a free one.
    public var port: Int
    /// Access token lifetime in seconds (the real service gives 60–90 minutes).
    public var tokenLifetime: Int
    /// Seed of the fault injector's random draws.
    public var faultSeed: UInt64
    /// Keep at most this many request log entries (oldest dropped first).
    public var requestLogLimit: Int
    /// Throttling limits; the real figures by default.
    public var throttling: ThrottlingOptions
    /// Give registered apps keys from a small process-wide pool (distinct within a server) instead of a fresh
    /// RSA key each: much faster in tests.
    public var reuseAppKeys: Bool
    public var logger: Logger

    public init(
        tls: Bool = false,
        host: String = "127.0.0.1",
        port: Int = 0,
        tokenLifetime: Int = 3599,
        faultSeed: UInt64 = 1,
        requestLogLimit: Int = 100_000,
        throttling: ThrottlingOptions = ThrottlingOptions(),
        reuseAppKeys: Bool = true,
        logger: Logger = Logger(label: "m365sim", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.tls = tls
        self.host = host
        self.port = port
        self.tokenLifetime = tokenLifetime
        self.faultSeed = faultSeed
        self.requestLogLimit = requestLogLimit
        self.throttling = throttling
        self.reuseAppKeys = reuseAppKeys
        self.logger = logger
    }
}

/// Sizes and seed of a generated tenant.
public struct TenantSeed: Sendable, Equatable, Codable {
    public var seed: UInt64
    public var users: Int
    /// How many users have an Exchange mailbox (personal contacts targets).
    public var mailboxes: Int
    public var orgContacts: Int
    public var groups: Int
    /// Hand-made contacts placed in each generated mailbox (0…`handMadeContacts`, by seed).
    public var handMadeContacts: Int
    /// Overrides the generated `*.onmicrosoft.com` domain.
    public var domain: String?
    /// Mail contacts already present in Exchange (tenant B of a mail contacts job).
    public var mailContacts: Int
    /// Share of users (0…1, by seed) with a small generated JPEG as profile photo; nil or 0: none.
    public var photoFraction: Double?

    public init(
        seed: UInt64,
        users: Int,
        mailboxes: Int,
        orgContacts: Int = 0,
        groups: Int = 0,
        handMadeContacts: Int = 3,
        domain: String? = nil,
        mailContacts: Int = 0,
        photoFraction: Double? = nil
    ) {
        self.seed = seed
        self.users = users
        self.mailboxes = mailboxes
        self.orgContacts = orgContacts
        self.groups = groups
        self.handMadeContacts = handMadeContacts
        self.domain = domain
        self.mailContacts = mailContacts
        self.photoFraction = photoFraction
    }
}

/// Identity of a created tenant.
public struct TenantInfo: Sendable, Equatable, Codable {
    public var tenantId: String
    public var domain: String
    /// Group ids in creation order.
    public var groupIds: [String]
    /// Ids of the users that have a mailbox.
    public var mailboxUserIds: [String]
}

/// What an app registration may do.
public struct AppPermissions: Sendable, Equatable, Codable {
    /// Graph application roles, e.g. `User.Read.All`, `Contacts.ReadWrite`.
    public var graphRoles: Set<String>
    /// `Exchange.ManageAsApp` on the Exchange resource.
    public var exchangeManageAsApp: Bool
    /// The Entra role Exchange Recipient Administrator on the service principal.
    public var exchangeRecipientAdministrator: Bool

    public init(graphRoles: Set<String>, exchangeManageAsApp: Bool, exchangeRecipientAdministrator: Bool) {
        self.graphRoles = graphRoles
        self.exchangeManageAsApp = exchangeManageAsApp
        self.exchangeRecipientAdministrator = exchangeRecipientAdministrator
    }

    /// Everything m365sync needs.
    public static let all = AppPermissions(
        graphRoles: ["User.Read.All", "OrgContact.Read.All", "GroupMember.Read.All", "Contacts.ReadWrite"],
        exchangeManageAsApp: true,
        exchangeRecipientAdministrator: true
    )
}

/// Credentials of a registered app.
public struct AppCredentials: Sendable, Equatable, Codable {
    public var tenantId: String
    public var clientId: String
    public var clientSecret: String
    /// Self-signed certificate registered for certificate credentials.
    public var certificatePEM: String
    /// Its RSA private key (PKCS#8 PEM).
    public var privateKeyPEM: String
    /// Base64url SHA-1 and SHA-256 thumbprints of the certificate DER (`x5t`, `x5t#S256`).
    public var x5t: String
    public var x5tS256: String
}
