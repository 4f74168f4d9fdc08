extension SyncStatus {
    /// A target's status: `failed` when it could not be processed or every attempted write failed, `partial` when
    /// some writes failed, `blockedBySafety` when removals were blocked, else `succeeded`.
    public static func derive(target counts: ActionCounts, tally: ActionTally, error: String?) -> SyncStatus {
        if error != nil { return .failed }
        if counts.failed > 0 {
            return tally.outcomes.contains { $0.outcome.status == .applied && $0.count > 0 } ? .partial : .failed
        }
        if counts.blocked > 0 { return .blockedBySafety }
        return .succeeded
    }

    /// A job's status: `failed` with a job error or when every target failed, `partial` when some target failed or
    /// partly failed, `blockedBySafety` when a target was blocked, else `succeeded`. Skipped targets do not count.
    public static func derive(job allTargets: [SyncStatus], error: String?) -> SyncStatus {
        if error != nil { return .failed }
        let targets = allTargets.filter { $0 != .skipped }
        if !targets.isEmpty, targets.allSatisfy({ $0 == .failed }) { return .failed }
        if targets.contains(where: { $0 == .failed || $0 == .partial }) { return .partial }
        if targets.contains(.blockedBySafety) { return .blockedBySafety }
        return .succeeded
    }
}
