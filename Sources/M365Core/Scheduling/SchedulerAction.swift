/// What the scheduler asks its driver to do: the outputs of the state machine.
public enum SchedulerAction: Sendable, Equatable {
    /// Start a run of this job now; report its end with `SchedulerEvent.runFinished`.
    case startRun(JobDefinition, trigger: RunTrigger)
    /// Arm the single timer for this instant, replacing any earlier one.
    case armTimer(at: SchedulerInstant)
    /// Disarm the timer: nothing is waiting.
    case cancelTimer
    /// The job's next run is now planned for this instant (record it, show it).
    case scheduled(job: String, at: SchedulerInstant)
    /// The job left the schedule (removed or disabled by a reload).
    case unscheduled(job: String)
    /// Ask running jobs to stop after their current request or batch (cooperative cancellation).
    case cancelRuns
    /// Stopping is complete: nothing runs any more.
    case stopped
    /// A second stop request arrived while stopping: exit at once.
    case forceExit
}

/// Why a run was started.
public enum RunTrigger: Sendable, Hashable, CustomStringConvertible {
    /// `runOnStart`, for a job that is new (daemon start, or added or changed by a reload).
    case startup
    /// The regular interval.
    case interval
    /// A retry after this many consecutive failures.
    case retry(attempt: Int)
    /// An explicit request (SIGUSR1).
    case manual

    public var description: String {
        switch self {
        case .startup: "startup"
        case .interval: "interval"
        case .retry: "retry"
        case .manual: "manual"
        }
    }
}
