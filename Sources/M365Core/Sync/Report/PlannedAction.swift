/// A planned write for one source person, in either job: what the run report needs to list it.
public protocol PlannedAction {
    /// Whether this adds, updates or removes.
    static var kind: ActionReport.Kind { get }
    var sourceId: String { get }
    var displayName: String { get }
    var email: String { get }
    /// The field changes an update makes; none for adds and removals.
    var reportedChanges: [String: ValueChange] { get }
}

extension PlannedAction {
    public var reportedChanges: [String: ValueChange] { [:] }

    /// The report entry of this action with the given outcome.
    public func report(status: ActionReport.Status = .planned, error: String? = nil) -> ActionReport {
        ActionReport(
            action: Self.kind,
            sourceId: sourceId,
            displayName: displayName,
            email: email,
            changes: reportedChanges,
            status: status,
            error: error
        )
    }
}

/// A plan of either job: its writes, the people it skipped and the removals its safety limits held back.
public protocol ActionPlan {
    associatedtype Add: PlannedAction
    associatedtype Update: PlannedAction
    associatedtype Removal: PlannedAction
    var adds: [Add] { get }
    var updates: [Update] { get }
    var removes: [Removal] { get }
    /// Removals held back by `refusal`.
    var blockedRemoves: [Removal] { get }
    var refusal: RemovalRefusal? { get }
    /// Actions left out by skip switches and the like (status `skipped`).
    var skipped: [ActionReport] { get }
}

extension ActionPlan {
    /// Every action as a report entry, in one order for both jobs: planned writes, then skipped people, then
    /// removals held back by the safety limits (with the refusal as their reason).
    public func reportActions() -> [ActionReport] {
        adds.map { $0.report() } + updates.map { $0.report() } + removes.map { $0.report() } + skipped
            + blockedRemoves.map { $0.report(status: .blocked, error: refusal?.description) }
    }
}
