extension TargetReport {
    /// How many actions a target report lists unless told otherwise.
    public static let defaultActionLimit = 1_000

    /// How many actions the target reports made in this task list (nil: every one): `defaultActionLimit`, or what
    /// the runner binds for a run (`m365sync run --all-actions` binds nil).
    @TaskLocal public static var actionLimit: Int? = defaultActionLimit

    /// The actions a report lists under `limit`: all of them when they fit; otherwise the failed, skipped and
    /// blocked ones first (what a reader looks for), then the others, each kept in its original order.
    public static func listed(_ actions: [ActionReport], limit: Int?) -> [ActionReport] {
        guard let limit, actions.count > limit else { return actions }
        let bound = max(0, limit)
        let problems = actions.count { $0.status.isProblem }
        var roomForProblems = min(problems, bound)
        var roomForOthers = bound - roomForProblems
        var listed: [ActionReport] = []
        listed.reserveCapacity(bound)
        for action in actions {
            if action.status.isProblem {
                guard roomForProblems > 0 else { continue }
                roomForProblems -= 1
            } else {
                guard roomForOthers > 0 else { continue }
                roomForOthers -= 1
            }
            listed.append(action)
        }
        return listed
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
