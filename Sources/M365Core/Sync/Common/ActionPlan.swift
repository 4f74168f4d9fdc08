/// A plan of either job: its writes, the people it skipped and the removals its safety limits held back.
public protocol ActionPlan: Sendable {
    associatedtype Add: PlannedAction
    associatedtype Update: PlannedAction
    associatedtype Removal: PlannedAction
    var adds: [Add] { get }
    var updates: [Update] { get }
    var removes: [Removal] { get set }
    /// Removals held back by `refusal`.
    var blockedRemoves: [Removal] { get set }
    /// Why removals were held back, if they were.
    var refusal: RemovalRefusal? { get set }
    /// Actions left out by skip switches and the like (status `skipped`).
    var skipped: [ActionReport] { get set }
    /// How many contacts the job owns in the target.
    var managedCount: Int { get }
    /// Nothing to write and nothing blocked.
    var isEmpty: Bool { get }
}

extension ActionPlan {
    /// Every action as a report entry, in one order for both jobs: planned writes, then skipped people, then
    /// removals held back by the safety limits (with the refusal as their reason).
    public func reportActions() -> [ActionReport] {
        adds.map { $0.report() } + updates.map { $0.report() } + removes.map { $0.report() } + skipped
            + blockedRemoves.map { $0.report(status: .blocked, error: refusal?.description) }
    }

    /// Files `removals` by the rules both planners share: all skipped under `skipRemove`; otherwise to be applied,
    /// or held back when the safety limits refuse them.
    mutating func decideRemovals(
        _ removals: [Removal],
        skipRemove: Bool,
        limits: SafetyLimits,
        sourceRead: SourceReadStatus,
        allowRemovals: Bool
    ) {
        if skipRemove {
            skipped += removals.map { $0.report(status: .skipped, error: "skipRemove") }
            return
        }
        refusal = RemovalGuard.refusal(
            count: removals.count,
            managedCount: managedCount,
            limits: limits,
            sourceRead: sourceRead,
            allowRemovals: allowRemovals
        )
        if refusal == nil { removes = removals } else { blockedRemoves = removals }
    }
}
