import M365Core
import M365State

/// The runner used until the sync jobs are built: every run fails at once, saying so.
public struct UnavailableJobRunner: JobRunner {
    public init() {}

    public func run(_ job: JobDefinition, context: JobRunContext) async -> RunOutcome {
        RunOutcome(status: .failed, error: "job kind \(job.kind.rawValue) is not available yet")
    }
}
