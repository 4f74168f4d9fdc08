/// Counts of one target's actions; `add`/`update`/`remove` count planned or applied actions.
public struct ActionCounts: Sendable, Hashable, Codable {
    public var add = 0
    public var update = 0
    public var remove = 0
    public var unchanged = 0
    public var failed = 0
    public var skipped = 0
    public var blocked = 0

    public init(
        add: Int = 0,
        update: Int = 0,
        remove: Int = 0,
        unchanged: Int = 0,
        failed: Int = 0,
        skipped: Int = 0,
        blocked: Int = 0
    ) {
        self.add = add
        self.update = update
        self.remove = remove
        self.unchanged = unchanged
        self.failed = failed
        self.skipped = skipped
        self.blocked = blocked
    }

    /// Counts of `actions`, plus `unchanged` which are counted, not listed.
    public init(actions: [ActionReport], unchanged: Int) {
        self.init(unchanged: unchanged)
        for action in actions {
            switch action.status {
            case .planned, .applied:
                switch action.action {
                case .add: add += 1
                case .update: update += 1
                case .remove: remove += 1
                }
            case .failed: failed += 1
            case .skipped: skipped += 1
            case .blocked: blocked += 1
            }
        }
    }

    public static func + (lhs: Self, rhs: Self) -> Self {
        ActionCounts(
            add: lhs.add + rhs.add,
            update: lhs.update + rhs.update,
            remove: lhs.remove + rhs.remove,
            unchanged: lhs.unchanged + rhs.unchanged,
            failed: lhs.failed + rhs.failed,
            skipped: lhs.skipped + rhs.skipped,
            blocked: lhs.blocked + rhs.blocked
        )
    }
}

/// The outcome of a job, of one of its targets, or of a run (stored as is in the run history).
public enum SyncStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case succeeded, failed, partial, blockedBySafety
    /// A target not processed on purpose (a user found through a group or `allLicensedUsers` who has no
    /// mailbox); it does not degrade the job's status.
    case skipped
    /// A run whose end was never recorded (its process stopped first); read from the run history, never reported
    /// by a job.
    case interrupted
}

/// One target of a job (a mailbox, or the target tenant of a mail contacts job).
public struct TargetReport: Sendable, Hashable, Codable {
    public var target: String
    public var status: SyncStatus
    public var counts: ActionCounts
    /// Every action except unchanged ones.
    public var actions: [ActionReport]
    /// Why the target could not be processed (no mailbox, folder failure); nil otherwise.
    @AlwaysEncoded public var error: String?

    public init(target: String, status: SyncStatus, counts: ActionCounts, actions: [ActionReport], error: String? = nil)
    {
        self.target = target
        self.status = status
        self.counts = counts
        self.actions = actions
        self.error = error
    }

    /// A report whose counts and status are derived from its actions.
    ///
    /// `skippedPeople` adds people left out before planning (no address, outside `domains`) to the skipped count.
    public init(target: String, actions: [ActionReport], unchanged: Int, skippedPeople: Int = 0, error: String? = nil) {
        var counts = ActionCounts(actions: actions, unchanged: unchanged)
        counts.skipped += skippedPeople
        self.init(
            target: target,
            status: SyncStatus.derive(target: counts, actions: actions, error: error),
            counts: counts,
            actions: actions,
            error: error
        )
    }
}
