/// The exit status of a Nagios/Icinga plugin, ordered by severity except UNKNOWN.
public enum NagiosStatus: Int32, Sendable, Comparable, CustomStringConvertible {
    case ok = 0
    case warning = 1
    case critical = 2
    case unknown = 3

    public var description: String {
        switch self {
        case .ok: "OK"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        case .unknown: "UNKNOWN"
        }
    }

    /// CRITICAL outranks UNKNOWN, which outranks WARNING (as Nagios orders a host's services).
    private var severity: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .unknown: 2
        case .critical: 3
        }
    }

    public static func < (lhs: NagiosStatus, rhs: NagiosStatus) -> Bool { lhs.severity < rhs.severity }
}
