import Foundation
import M365Primitives

/// The in-process control and inspection API of a running simulator (the `/_sim/` HTTP API mirrors it).
public final class SimulatorControl: Sendable {
    let state: SimulatorState

    init(state: SimulatorState) {
        self.state = state
    }

    // MARK: Tenants and apps

    /// Generates a tenant from a seed; the same seed gives the same objects and ids.
    @discardableResult
    public func addTenant(_ seed: TenantSeed) async throws -> TenantInfo {
        var generator = TenantGenerator(seed: seed)
        let tenant = generator.make(now: Int64(state.now()))
        return try state.withWorld { world in
            if world.tenants.contains(where: {
                $0.tenantId == tenant.tenantId || $0.domain.lowercased() == tenant.domain.lowercased()
            }) {
                throw SimulatorError.invalidArgument(
                    "a tenant with id \(tenant.tenantId) or domain \(tenant.domain) exists already"
                )
            }
            world.tenants.append(tenant)
            return Self.info(tenant)
        }
    }

    /// Every tenant.
    public func tenants() async -> [TenantInfo] {
        state.withWorld { $0.tenants.map(Self.info) }
    }

    static func info(_ tenant: TenantState) -> TenantInfo {
        TenantInfo(
            tenantId: tenant.tenantId,
            domain: tenant.domain,
            groupIds: tenant.groups.map(\.id),
            mailboxUserIds: tenant.users.filter { $0.hasMailbox && $0.lifecycle == .active }.map(\.id)
        )
    }

    /// Registers an app: a client secret plus a generated (or the given) certificate for assertions.
    public func registerApp(
        tenantId: String,
        permissions: AppPermissions = .all,
        certificatePEM: String? = nil
    ) async throws
        -> AppCredentials
    {
        let tenant = try tenantKey(tenantId)
        var random = SeededRandom(seed: UInt64.random(in: 1...UInt64.max))
        let clientId = random.guid()
        let secret = "sim~" + Base64URL.encode((0..<30).map { _ in UInt8(random.below(256)) })
        let certificate: CertificateFactory.AppCertificate
        if let certificatePEM {
            certificate = try CertificateFactory.parseAppCertificate(pem: certificatePEM)
        } else {
            let slot = state.withWorld { world -> Int? in
                world.appsRegistered += 1
                return world.reuseAppKeys ? world.appsRegistered - 1 : nil
            }
            certificate = try CertificateFactory.makeAppCertificate(clientId: clientId, keySlot: slot)
        }
        let thumbprints = CertificateFactory.thumbprints(der: certificate.certificateDER)
        let credentials = AppCredentials(
            tenantId: tenant,
            clientId: clientId,
            clientSecret: secret,
            certificatePEM: certificate.certificatePEM,
            privateKeyPEM: certificate.privateKeyPEM,
            x5t: thumbprints.sha1,
            x5tS256: thumbprints.sha256
        )
        state.withWorld { world in
            world.apps[clientId] = RegisteredApp(
                credentials: credentials,
                permissions: permissions,
                publicKey: certificate.publicKey
            )
        }
        return credentials
    }

    /// Changes what an app may do (e.g. drop the Exchange role to see 403s).
    public func setAppPermissions(clientId: String, _ permissions: AppPermissions) async throws {
        try state.withWorld { world in
            guard world.apps[clientId.lowercased()] != nil else { throw SimulatorError.unknownObject(clientId) }
            world.apps[clientId.lowercased()]!.permissions = permissions
        }
    }

    /// The tenant id for a tenant id or domain.
    func tenantKey(_ key: String) throws -> String {
        guard let id = state.withWorld({ world in world.tenantIndex(key).map { world.tenants[$0].tenantId } }) else {
            throw SimulatorError.unknownTenant(key)
        }
        return id
    }

    /// Runs `body` on a tenant under the lock.
    func withTenant<T: Sendable>(
        _ key: String,
        _ body: (inout TenantState, inout SimulatorWorld) throws -> T
    ) throws -> T {
        try state.withWorld { world in
            guard let index = world.tenantIndex(key) else { throw SimulatorError.unknownTenant(key) }
            var tenant = world.tenants[index]
            world.tenants[index] = TenantState(tenantId: tenant.tenantId, domain: tenant.domain, seed: tenant.seed)
            defer { world.tenants[index] = tenant }
            return try body(&tenant, &world)
        }
    }

    // MARK: Server settings

    /// Sets the lifetime of tokens issued from now on.
    public func setTokenLifetime(_ seconds: Int) async {
        state.withWorld { $0.tokenLifetime = seconds }
    }

    /// Moves the simulated clock forward (token expiry, delta token age, throttling windows).
    public func advanceClock(by seconds: Double) async {
        state.withWorld { $0.clockOffset += seconds }
    }

    /// Replaces the throttling limits and resets their counters.
    public func setThrottling(_ options: ThrottlingOptions) async {
        state.withWorld { world in
            world.throttling = options
            world.windows = [:]
        }
    }

    /// Adds a fault rule (rules are checked in the order added).
    public func setFault(_ rule: FaultRule) async {
        state.withWorld { $0.faults.append(FaultState(rule: rule)) }
    }

    /// Removes every fault rule.
    public func clearFaults() async {
        state.withWorld { $0.faults = [] }
    }

    /// The request log, oldest first.
    public func requestLog() async -> [RequestLogEntry] {
        state.withWorld { $0.log }
    }

    /// Waits for a request satisfying `predicate` to be logged (or finds it already in the log); nil after
    /// `timeout`. Lets a test act at the moment a client's request reached the simulator.
    public func waitForRequest(
        timeout: Duration = .seconds(60),
        where predicate: @escaping @Sendable (RequestLogEntry) -> Bool
    ) async -> RequestLogEntry? {
        await state.waitForRequest(timeout: timeout, where: predicate)
    }

    public func clearRequestLog() async {
        state.withWorld { world in
            world.log = []
            world.counters = [:]
        }
    }

    /// Requests by endpoint name and status (0 = connection dropped).
    public func counters() async -> [String: [Int: Int]] {
        state.withWorld { $0.counters }
    }

    /// Makes the tenant's delta responses replay and duplicate entries (both documented by Graph), or stop.
    public func setDeltaReplays(tenantId: String, _ enabled: Bool) async throws {
        try withTenant(tenantId) { tenant, _ in
            tenant.deltaReplays = enabled
        }
    }

    /// Invalidates every outstanding delta token of a tenant (the next use gets 410 Gone).
    public func expireDeltaTokens(tenantId: String) async throws {
        try withTenant(tenantId) { tenant, _ in
            tenant.deltaEpoch += 1
        }
    }
}
