import Logging
import M365Core
import M365State

/// Runs one job once. The seam the sync jobs plug into; the daemon and `m365sync run` call it the same way.
///
/// A runner never throws: every failure ends up in the returned outcome (`failed`, `partial`, `blockedBySafety`).
/// Cancellation is cooperative: when the daemon stops, the run's task is cancelled and the runner finishes its
/// current request or batch, then returns (typically with status `interrupted` or `partial`).
public protocol JobRunner: Sendable {
    func run(_ job: JobDefinition, context: JobRunContext) async -> RunOutcome
}

/// Everything a run needs besides its job definition.
public struct JobRunContext: Sendable {
    /// Unique id of this run (`M365SYNC_RUN` in the journal, `runId` in the state store).
    public var runID: String
    /// Why the run was started.
    public var trigger: RunTrigger
    /// Logger carrying `job` and `run` metadata; log audit events through it.
    public var logger: Logger
    /// The configuration in force when the run started (tenants, global settings).
    public var configuration: LoadedConfiguration
    /// Run history, sync tokens and caches.
    public var stateStore: StateStore
    /// Plan and report only, write nothing (the job's `dryRun`, or `--dry-run`).
    public var dryRun: Bool
    /// Removals beyond the safety limits were approved (`m365sync run --allow-removals`); never set by the daemon.
    public var allowRemovals: Bool

    public init(
        runID: String,
        trigger: RunTrigger,
        logger: Logger,
        configuration: LoadedConfiguration,
        stateStore: StateStore,
        dryRun: Bool,
        allowRemovals: Bool
    ) {
        self.runID = runID
        self.trigger = trigger
        self.logger = logger
        self.configuration = configuration
        self.stateStore = stateStore
        self.dryRun = dryRun
        self.allowRemovals = allowRemovals
    }

    /// Whether the run should wind down: check between requests or batches and return early.
    public var isCancelled: Bool { Task.isCancelled }
}
