import HTTPTypes

/// A fault to inject into matching requests.
public struct FaultRule: Sendable, Equatable, Codable {
    /// What happens to a matching request.
    public enum Action: Sendable, Equatable {
        /// Answer with this status and the service's error body (429/503/504 carry `Retry-After`).
        case status(Int, retryAfter: Double?)
        /// Answer with an HTML error page instead of JSON.
        case htmlPage(Int)
        /// Close the connection without answering.
        case dropConnection
        /// Answer normally after a delay.
        case delay(seconds: Double)
        /// Perform the write, then close the connection without answering.
        case appliedButResponseLost
        /// Log the request on arrival, hold it `seconds`, then close the connection without performing it: a
        /// client killed while waiting died before its request took effect.
        case stallBeforeApplying(seconds: Double)
        /// Perform the request and log it, hold the answer `seconds`, then close the connection without answering:
        /// a client killed while waiting died after the service applied its request.
        case stallAfterApplying(seconds: Double)
        /// Perform the request, then answer with its body damaged as `Mangling` says (status 200 kept).
        case mangledBody(Mangling)
    }

    /// How a response body is damaged, for the fuzzing of what m365sync reads.
    public enum Mangling: String, Sendable, Equatable, Codable, CaseIterable {
        /// Cut in the middle.
        case truncated
        /// Not JSON at all, under a JSON content type.
        case notJSON
        /// JSON of another shape: an array where an object is expected, `value` an object, strings as numbers.
        case wrongShape
        /// No body.
        case empty
        /// Valid JSON with a string value of a megabyte.
        case hugeValue
        /// HTML with a text/html content type.
        case htmlContentType
        /// The same JSON with the `id` of the first `value` entry left out (an object the client cannot key).
        case idRemoved
    }

    /// Endpoint name to match: exact (`graph.mailbox.contacts`) or a prefix ending in `*` (`graph.*`); `*` = all.
    public var endpoint: String
    /// HTTP method to match, nil = any.
    public var method: String?
    /// Exchange cmdlet name to match, nil = any.
    public var cmdlet: String?
    public var action: Action
    /// Probability that a matching request gets the fault.
    public var rate: Double
    /// Apply to at most this many requests, nil = unlimited.
    public var limit: Int?
    /// Let this many matching requests pass first.
    public var skip: Int
    /// Also apply to requests inside a `$batch` (statuses only).
    public var insideBatch: Bool

    public init(
        endpoint: String,
        method: String? = nil,
        cmdlet: String? = nil,
        action: Action,
        rate: Double = 1,
        limit: Int? = nil,
        skip: Int = 0,
        insideBatch: Bool = true
    ) {
        self.endpoint = endpoint
        self.method = method
        self.cmdlet = cmdlet
        self.action = action
        self.rate = rate
        self.limit = limit
        self.skip = skip
        self.insideBatch = insideBatch
    }

    func matches(endpoint name: String, method: String, cmdlet: String?) -> Bool {
        if let wanted = self.method, wanted.uppercased() != method.uppercased() { return false }
        if let wanted = self.cmdlet, wanted.lowercased() != cmdlet?.lowercased() { return false }
        if endpoint == "*" { return true }
        if endpoint.hasSuffix("*") { return name.hasPrefix(String(endpoint.dropLast())) }
        return endpoint == name
    }
}

/// One request as recorded by the simulator.
public struct RequestLogEntry: Sendable, Equatable, Codable {
    public var sequence: Int
    /// Simulated time in seconds since 1970.
    public var time: Double
    public var method: String
    /// Path and query as received (inner batch requests: their relative URL).
    public var target: String
    /// Endpoint name (see docs/simulator.md), e.g. `graph.users`, `exchange.invoke`.
    public var endpoint: String
    public var status: Int
    public var tenantId: String?
    public var clientId: String?
    /// Mailbox owner id for Outlook requests.
    public var mailbox: String?
    public var cmdlet: String?
    /// Set on the inner requests of a `$batch`.
    public var batchId: String?
    /// The fault applied, if any.
    public var fault: String?
    /// Inner requests of a `$batch`: a digest of method, URL and body, the same for each retry of a request,
    /// so that a log can tell how often one request was throttled.
    public var digest: String? = nil

    /// FNV-1a (64 bits, hex) of `method`, `target` and `body`.
    static func digest(method: String, target: String, body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(method.utf8) + [0] + Array(target.utf8) + [0] + body {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

extension FaultRule.Action: Codable {
    private enum Keys: String, CodingKey {
        case type, status, retryAfter, seconds, mangling
    }

    /// JSON form: `{"type": "status", "status": 503, "retryAfter": 2.5}`, `{"type": "htmlPage", "status": 502}`,
    /// `{"type": "dropConnection"}`, `{"type": "delay", "seconds": 1}`, `{"type": "appliedButResponseLost"}`,
    /// `{"type": "stallBeforeApplying", "seconds": 60}`, `{"type": "stallAfterApplying", "seconds": 60}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "status":
            self = .status(
                try container.decode(Int.self, forKey: .status),
                retryAfter: try container.decodeIfPresent(Double.self, forKey: .retryAfter)
            )
        case "htmlPage": self = .htmlPage(try container.decode(Int.self, forKey: .status))
        case "dropConnection": self = .dropConnection
        case "delay": self = .delay(seconds: try container.decode(Double.self, forKey: .seconds))
        case "appliedButResponseLost": self = .appliedButResponseLost
        case "stallBeforeApplying":
            self = .stallBeforeApplying(seconds: try container.decode(Double.self, forKey: .seconds))
        case "stallAfterApplying":
            self = .stallAfterApplying(seconds: try container.decode(Double.self, forKey: .seconds))
        case "mangledBody": self = .mangledBody(try container.decode(FaultRule.Mangling.self, forKey: .mangling))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: container,
                debugDescription: "unknown fault type '\(other)'"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .status(let status, let retryAfter):
            try container.encode(status, forKey: .status)
            try container.encodeIfPresent(retryAfter, forKey: .retryAfter)
        case .htmlPage(let status): try container.encode(status, forKey: .status)
        case .delay(let seconds), .stallBeforeApplying(let seconds), .stallAfterApplying(let seconds):
            try container.encode(seconds, forKey: .seconds)
        case .mangledBody(let mangling): try container.encode(mangling, forKey: .mangling)
        case .dropConnection, .appliedButResponseLost: break
        }
    }

    /// The JSON form's `type`: the case's name, as `"\(action)"` begins with it.
    private var typeName: String { String("\(self)".prefix { $0 != "(" }) }
}

extension FaultRule {
    private enum Keys: String, CodingKey {
        case endpoint, method, cmdlet, action, rate, limit, skip, insideBatch
    }

    /// Decodes with defaults: only `endpoint` and `action` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            endpoint: try c.decode(String.self, forKey: .endpoint),
            method: try c.decodeIfPresent(String.self, forKey: .method),
            cmdlet: try c.decodeIfPresent(String.self, forKey: .cmdlet),
            action: try c.decode(Action.self, forKey: .action),
            rate: try c.decodeIfPresent(Double.self, forKey: .rate) ?? 1,
            limit: try c.decodeIfPresent(Int.self, forKey: .limit),
            skip: try c.decodeIfPresent(Int.self, forKey: .skip) ?? 0,
            insideBatch: try c.decodeIfPresent(Bool.self, forKey: .insideBatch) ?? true
        )
    }
}
