/// What the scheduler is told: the inputs of the state machine.
public enum SchedulerEvent: Sendable, Equatable {
    /// A configuration was loaded (at start) or reloaded (SIGHUP).
    case configure(SchedulerConfiguration, at: SchedulerInstant)
    /// The timer armed by `SchedulerAction.armTimer` went off.
    case timerFired(at: SchedulerInstant)
    /// A run started by `SchedulerAction.startRun` ended.
    case runFinished(job: String, outcome: SchedulerRunOutcome, at: SchedulerInstant)
    /// Run every enabled job now (SIGUSR1).
    case triggerAll(at: SchedulerInstant)
    /// Stop: no new runs, wait for the running ones (SIGTERM, SIGINT). A second request forces the exit.
    case stopRequested(at: SchedulerInstant)
}

/// How a run ended, as far as scheduling is concerned.
public enum SchedulerRunOutcome: String, Sendable, Equatable {
    /// Next run at the regular interval.
    case succeeded
    /// Retried with backoff when that comes before the next regular run.
    case failed
}
