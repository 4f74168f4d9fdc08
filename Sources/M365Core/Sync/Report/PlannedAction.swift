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

extension ActionReport {
    /// Every action of a plan as report entries, in one order for both jobs: planned writes, then skipped
    /// people, then removals held back by the safety limits (with the refusal as their reason).
    public static func planned(
        adds: [some PlannedAction],
        updates: [some PlannedAction],
        removes: [some PlannedAction],
        skipped: [ActionReport],
        blockedRemoves: [some PlannedAction],
        refusal: RemovalRefusal?
    ) -> [ActionReport] {
        adds.map { $0.report() } + updates.map { $0.report() } + removes.map { $0.report() } + skipped
            + blockedRemoves.map { $0.report(status: .blocked, error: refusal?.description) }
    }
}
