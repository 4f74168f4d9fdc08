/// The actions of one target as they are carried out: every one tallied, at most `limit` kept for the report.
///
/// It keeps what ``TargetReport/listed(_:limit:)`` would list of all of them (the failed, skipped and blocked ones
/// first, then the others, in their order), so a first sync of a large mailbox holds a bounded list, not one entry
/// per contact.
public struct ActionLog: Sendable {
    /// How many actions the report lists (nil: every one).
    public let limit: Int?
    /// Every action appended, by kind and outcome.
    public private(set) var tally = ActionTally()
    /// How many actions were appended.
    public private(set) var count = 0
    private var problems: [(position: Int, action: ActionReport)] = []
    private var others: [(position: Int, action: ActionReport)] = []

    public init(limit: Int? = TargetReport.actionLimit) {
        self.limit = limit.map { max(0, $0) }
    }

    public mutating func append(_ action: ActionReport) {
        tally.add(action)
        if action.status.isProblem {
            if limit.map({ problems.count < $0 }) ?? true { problems.append((count, action)) }
        } else if limit.map({ others.count < $0 }) ?? true {
            others.append((count, action))
        }
        count += 1
    }

    public mutating func append(contentsOf actions: some Sequence<ActionReport>) {
        for action in actions { append(action) }
    }

    /// The actions the report lists, in the order they were appended.
    public var listed: [ActionReport] {
        let bound = limit ?? .max
        let keptProblems = problems.prefix(bound)
        let keptOthers = others.prefix(bound - keptProblems.count)
        return (keptProblems + keptOthers).sorted { $0.position < $1.position }.map(\.action)
    }
}
