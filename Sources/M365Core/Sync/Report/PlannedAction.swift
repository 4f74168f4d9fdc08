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
