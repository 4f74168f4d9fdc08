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
        self.init(tally: ActionTally(actions), unchanged: unchanged)
    }

    /// Counts of the actions `tally` counted, plus `unchanged` which are counted, not listed.
    public init(tally: ActionTally, unchanged: Int) {
        self.init(unchanged: unchanged)
        for (outcome, count) in tally.outcomes {
            switch outcome.status {
            case .planned, .applied:
                switch outcome.action {
                case .add: add += count
                case .update: update += count
                case .remove: remove += count
                }
            case .failed: failed += count
            case .skipped: skipped += count
            case .blocked: blocked += count
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
///
/// Its counts cover every action; it lists at most a bounded number of them (``actionLimit``), so that a first sync
/// of a large tenant does not hold, print or store every add. The journal still has one entry per action.
public struct TargetReport: Sendable, Hashable {
    public var target: String
    public var status: SyncStatus
    public var counts: ActionCounts
    /// The actions except unchanged ones, at most the limit in force when the report was made (see ``listed(_:limit:)``).
    public var actions: [ActionReport]
    /// Actions left out of `actions` by the limit; `counts` and `tally` include them.
    public var omittedActions: Int
    /// Every action, listed or not, by kind and outcome. Not in the JSON: a decoded report tallies its listed actions.
    public var tally: ActionTally
    /// Why the target could not be processed (no mailbox, folder failure); nil otherwise.
    public var error: String?

    public init(
        target: String,
        status: SyncStatus,
        counts: ActionCounts,
        actions: [ActionReport],
        omittedActions: Int = 0,
        error: String? = nil
    ) {
        self.target = target
        self.status = status
        self.counts = counts
        self.actions = actions
        self.omittedActions = omittedActions
        self.tally = ActionTally(actions)
        self.error = error
    }

    /// A report whose counts and status are derived from its actions, of which it keeps at most `limit`
    /// (nil: every one).
    ///
    /// `skippedPeople` adds people left out before planning (no address, outside `domains`) to the skipped count.
    public init(
        target: String,
        actions: [ActionReport],
        unchanged: Int,
        skippedPeople: Int = 0,
        error: String? = nil,
        limit: Int? = TargetReport.actionLimit
    ) {
        var log = ActionLog(limit: limit)
        log.append(contentsOf: actions)
        self.init(target: target, log: log, unchanged: unchanged, skippedPeople: skippedPeople, error: error)
    }

    /// A report of the actions `log` tallied, listing those it kept.
    public init(target: String, log: ActionLog, unchanged: Int, skippedPeople: Int = 0, error: String? = nil) {
        var counts = ActionCounts(tally: log.tally, unchanged: unchanged)
        counts.skipped += skippedPeople
        let listed = log.listed
        self.target = target
        self.status = SyncStatus.derive(target: counts, tally: log.tally, error: error)
        self.counts = counts
        self.actions = listed
        self.omittedActions = log.count - listed.count
        self.tally = log.tally
        self.error = error
    }
}
