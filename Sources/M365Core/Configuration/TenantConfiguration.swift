/// One Microsoft 365 tenant and the app registration m365sync signs in with.
public struct TenantConfiguration: Sendable, Equatable {
    /// The key under `tenants` in `m365sync.json`.
    public var name: String
    /// Tenant GUID or verified domain (`contoso.onmicrosoft.com`).
    public var tenantId: String
    /// Application (client) id of the app registration.
    public var clientId: String
    public var credential: TenantCredential
    public var cloud: Cloud
    /// Hosts for this tenant: the cloud's defaults with any `endpoints` overrides applied.
    public var endpoints: ServiceEndpoints
    /// Absolute path of an extra PEM trust anchor for TLS, if any.
    public var caFile: String?

    public init(
        name: String,
        tenantId: String,
        clientId: String,
        credential: TenantCredential,
        cloud: Cloud = .global,
        endpoints: ServiceEndpoints? = nil,
        caFile: String? = nil
    ) {
        self.name = name
        self.tenantId = tenantId
        self.clientId = clientId
        self.credential = credential
        self.cloud = cloud
        self.endpoints = endpoints ?? cloud.endpoints
        self.caFile = caFile
    }
}

/// How the app proves its identity. Secrets are never inline: these are paths to files.
public enum TenantCredential: Sendable, Equatable {
    /// A file holding the client secret (absolute path after loading).
    case clientSecret(file: String)
    /// A PEM certificate and its PEM private key; the client assertion is signed with the key.
    case certificate(certificateFile: String, privateKeyFile: String, algorithm: AssertionAlgorithm)
}

/// Signature algorithm of the client assertion JWT.
public enum AssertionAlgorithm: String, Sendable, Equatable, CaseIterable {
    /// RSASSA-PSS with SHA-256 and header `x5t#S256` (current documentation).
    case ps256 = "PS256"
    /// RSASSA-PKCS1-v1_5 with SHA-256 and header `x5t` (older documentation).
    case rs256 = "RS256"
}

/// National clouds and their documented hosts.
public enum Cloud: String, Sendable, Equatable, CaseIterable {
    case global, usgov, usgovdod, china

    public var endpoints: ServiceEndpoints {
        switch self {
        case .global:
            ServiceEndpoints(
                login: "https://login.microsoftonline.com",
                graph: "https://graph.microsoft.com",
                exchange: "https://outlook.office365.com"
            )
        case .usgov:
            ServiceEndpoints(
                login: "https://login.microsoftonline.us",
                graph: "https://graph.microsoft.us",
                exchange: "https://outlook.office365.us"
            )
        case .usgovdod:
            ServiceEndpoints(
                login: "https://login.microsoftonline.us",
                graph: "https://dod-graph.microsoft.us",
                exchange: "https://outlook-dod.office365.us"
            )
        case .china:
            ServiceEndpoints(
                login: "https://login.chinacloudapi.cn",
                graph: "https://microsoftgraph.chinacloudapi.cn",
                exchange: "https://partner.outlook.cn"
            )
        }
    }
}

/// Base URLs (scheme and host, optionally port, no trailing slash) of the three services.
///
/// The client appends `/{tenant}/oauth2/v2.0/token` to `login`, `/v1.0/…` to `graph`
/// and `/adminapi/beta/{tenant}/InvokeCommand` to `exchange`.
public struct ServiceEndpoints: Sendable, Equatable {
    public var login: String
    public var graph: String
    public var exchange: String

    public init(login: String, graph: String, exchange: String) {
        self.login = login
        self.graph = graph
        self.exchange = exchange
    }
}
