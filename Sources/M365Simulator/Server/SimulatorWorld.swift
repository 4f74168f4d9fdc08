import Crypto
import M365Primitives
import _CryptoExtras

/// The RSA public key of an app certificate.
typealias RegisteredAppPublicKey = _RSA.Signing.PublicKey

/// A registered app: its credentials, what it may do, and the key to check its assertions.
struct RegisteredApp: Sendable {
    var credentials: AppCredentials
    var permissions: AppPermissions
    var publicKey: _RSA.Signing.PublicKey
}

/// A fault rule with its running counts.
struct FaultState: Sendable {
    var rule: FaultRule
    var matched = 0
    var applied = 0
}

/// All mutable simulator state; lives behind one lock.
struct SimulatorWorld: Sendable {
    var tenants: [TenantState] = []
    var apps: [String: RegisteredApp] = [:]
    var clockOffset: Double = 0
    var tokenLifetime: Int
    var faults: [FaultState] = []
    var throttling: ThrottlingOptions
    var windows: [String: (start: Double, count: Int)] = [:]
    var inflight: [String: Int] = [:]
    var log: [RequestLogEntry] = []
    var logLimit: Int
    var logSequence = 0
    var counters: [String: [Int: Int]] = [:]
    var extendedNames = ExtendedPropertyTable()
    var faultRandom: SeededRandom
    var requestCounter: UInt64 = 0
    let reuseAppKeys: Bool
    var appsRegistered = 0

    init(options: SimulatorOptions) {
        self.tokenLifetime = options.tokenLifetime
        self.throttling = options.throttling
        self.logLimit = options.requestLogLimit
        self.faultRandom = SeededRandom(seed: options.faultSeed)
        self.reuseAppKeys = options.reuseAppKeys
    }

    func tenantIndex(_ key: String) -> Int? {
        tenants.firstIndex { $0.matches(key) }
    }

    /// A request id that looks like Graph's.
    mutating func nextRequestId() -> String {
        requestCounter += 1
        var random = SeededRandom(seed: requestCounter &* 7_919)
        return random.guid()
    }

    @discardableResult
    mutating func record(_ entry: RequestLogEntry) -> RequestLogEntry {
        var entry = entry
        logSequence += 1
        entry.sequence = logSequence
        log.append(entry)
        if log.count > logLimit { log.removeFirst(log.count - logLimit) }
        counters[entry.endpoint, default: [:]][entry.status, default: 0] += 1
        return entry
    }
}
