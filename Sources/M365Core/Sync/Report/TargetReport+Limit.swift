extension TargetReport {
    /// How many actions a target report lists unless told otherwise.
    public static let defaultActionLimit = 1_000

    /// How many actions the target reports made in this task list (nil: every one): `defaultActionLimit`, or what
    /// the runner binds for a run (`m365sync run --all-actions` binds nil).
    @TaskLocal public static var actionLimit: Int? = defaultActionLimit

    /// The actions a report lists under `limit`: all of them when they fit; otherwise the failed, skipped and
    /// blocked ones first (what a reader looks for), then the others, each kept in its original order.
    public static func listed(_ actions: [ActionReport], limit: Int?) -> [ActionReport] {
        var log = ActionLog(limit: limit)
        log.append(contentsOf: actions)
        return log.listed
    }
}

extension ActionReport.Status {
    /// Failed, skipped or blocked: an action that did not do what was planned.
    var isProblem: Bool {
        switch self {
        case .failed, .skipped, .blocked: true
        case .planned, .applied: false
        }
    }
}
