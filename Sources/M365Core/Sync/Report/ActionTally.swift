/// How many actions of each kind ended in each status, whether the report lists them or not: what the metrics count.
public struct ActionTally: Sendable, Hashable {
    /// One kind of action with one outcome.
    public struct Outcome: Sendable, Hashable, Comparable {
        public var action: ActionReport.Kind
        public var status: ActionReport.Status

        public init(action: ActionReport.Kind, status: ActionReport.Status) {
            self.action = action
            self.status = status
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.action.rawValue, lhs.status.rawValue) < (rhs.action.rawValue, rhs.status.rawValue)
        }
    }

    private var counts: [Outcome: Int] = [:]

    public init() {}

    /// The tally of `actions`.
    public init(_ actions: [ActionReport]) {
        for action in actions { add(action) }
    }

    public mutating func add(_ action: ActionReport) {
        counts[Outcome(action: action.action, status: action.status), default: 0] += 1
    }

    /// How many actions of `action` ended `status`.
    public subscript(_ action: ActionReport.Kind, _ status: ActionReport.Status) -> Int {
        counts[Outcome(action: action, status: status)] ?? 0
    }

    /// The outcomes seen, each with its count, in a stable order.
    public var outcomes: [(outcome: Outcome, count: Int)] {
        counts.sorted { $0.key < $1.key }.map { (outcome: $0.key, count: $0.value) }
    }

    /// Every action counted.
    public var total: Int { counts.values.reduce(0, +) }
}
