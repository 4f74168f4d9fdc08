import Logging
import M365Core
import M365Jobs
import M365State

/// Runs one job once. The seam the sync jobs plug into; the daemon and `m365sync run` call it the same way.
///
/// A runner never throws: every failure ends up in the returned outcome (`failed`, `partial`, `blockedBySafety`).
/// Cancellation is cooperative: when the daemon stops, the run's task is cancelled and the runner finishes its
/// current request or batch, then returns what it did (the actions not attempted are reported skipped). A run whose
/// end is never recorded (the process died) reads back as `interrupted` from the run history.
public protocol JobRunner: Sendable {
    func run(_ job: JobDefinition, context: JobRunContext) async -> RunOutcome

    /// Lets go of what the runner keeps between runs; the daemon calls it once no run has been going for a while.
    func releaseIdleResources()
}

extension JobRunner {
    public func releaseIdleResources() {}
}

/// Everything a run needs besides its job definition.
public struct JobRunContext: Sendable {
    /// The run's id, logger (with `job` and `run` metadata; log audit events through it), `dryRun` and
    /// `allowRemovals` (never set by the daemon), as the jobs take them.
    public var options: JobRunOptions
    /// Why the run was started.
    public var trigger: RunTrigger
    /// The configuration in force when the run started (tenants, global settings).
    public var configuration: LoadedConfiguration
    /// Run history, sync tokens and caches.
    public var stateStore: StateStore

    /// Whether the run should wind down: check between requests or batches and return early.
    public var isCancelled: Bool { Task.isCancelled }
}
