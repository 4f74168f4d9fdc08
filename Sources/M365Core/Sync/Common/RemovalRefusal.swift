/// Why a plan's removals were refused.
public enum RemovalRefusal: Sendable, Hashable, CustomStringConvertible {
    /// The source read failed or was incomplete: no removal at all, whatever else is allowed.
    case sourceReadIncomplete
    /// More removals than `maxRemove` or `maxRemovePercent` of the managed objects, and not approved.
    case removalLimitExceeded(count: Int, maxRemove: Int, maxRemovePercent: Double, managedCount: Int)

    /// A short payload-free name for log fields.
    public var name: String {
        switch self {
        case .sourceReadIncomplete: "sourceReadIncomplete"
        case .removalLimitExceeded: "removalLimitExceeded"
        }
    }

    public var description: String {
        switch self {
        case .sourceReadIncomplete:
            return "removals refused: the source read was incomplete"
        case .removalLimitExceeded(let count, let maxRemove, let percent, let managed):
            return "removals blocked: \(count) of \(managed) managed exceeds maxRemove \(maxRemove) "
                + "or maxRemovePercent \(Self.format(percent))%; approve with --allow-removals"
        }
    }

    private static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e12 ? String(Int64(value)) : String(value)
    }
}

/// The deletion safety rules shared by every planner.
public enum RemovalGuard {
    /// The refusal for `count` removals out of `managedCount` managed objects, or nil when they may go ahead.
    ///
    /// An incomplete read refuses every removal, even approved ones. Otherwise more than `maxRemove`, or more than
    /// `maxRemovePercent` percent of `managedCount`, is refused unless `allowRemovals`.
    public static func refusal(
        count: Int,
        managedCount: Int,
        limits: SafetyLimits,
        sourceRead: SourceReadStatus,
        allowRemovals: Bool
    ) -> RemovalRefusal? {
        guard count > 0 else { return nil }
        if sourceRead != .complete { return .sourceReadIncomplete }
        if allowRemovals { return nil }
        let overCount = count > limits.maxRemove
        let overPercent = Double(count) * 100 > limits.maxRemovePercent * Double(managedCount)
        guard overCount || overPercent else { return nil }
        return .removalLimitExceeded(
            count: count,
            maxRemove: limits.maxRemove,
            maxRemovePercent: limits.maxRemovePercent,
            managedCount: managedCount
        )
    }
}

/// Why a planner removes a managed object.
public enum RemovalReason: String, Sendable, Hashable, Codable {
    /// Its source person is no longer selected.
    case sourceGone
    /// Another managed object already stands for the same source person.
    case duplicate
}
