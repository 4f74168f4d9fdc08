/// The scheduler's record of one job.
public struct ScheduledJob: Sendable, Equatable {
    /// Where a job is in its cycle.
    public enum Phase: Sendable, Equatable {
        /// Not due yet; becomes due at `due`, for a run of the given kind.
        case waiting(due: SchedulerInstant, trigger: RunTrigger)
        /// Due, waiting for a free slot under `maxConcurrentJobs`.
        case queued(trigger: RunTrigger)
        /// Running since `since`.
        case running(since: SchedulerInstant, trigger: RunTrigger)
    }

    public internal(set) var definition: JobDefinition
    /// The definition with the tenants it uses; a reload compares these.
    public internal(set) var revision: EffectiveJobDefinition
    public internal(set) var phase: Phase
    /// Failed runs in a row; zero after a success.
    public internal(set) var consecutiveFailures: Int = 0
    public internal(set) var lastStart: SchedulerInstant?
    public internal(set) var lastFinish: SchedulerInstant?
    public internal(set) var lastOutcome: SchedulerRunOutcome?
    /// SIGUSR1 arrived while running: run once more right after.
    public internal(set) var rerunRequested = false
    /// The definition changed while running: after this run, start over as a new job.
    public internal(set) var restartAsNew = false
    /// The job was removed while running: drop it after this run.
    public internal(set) var removeAfterRun = false

    public var name: String { definition.name }

    public var isRunning: Bool {
        if case .running = phase { return true }
        return false
    }

    /// When the job becomes due, if it is waiting.
    public var nextDue: SchedulerInstant? {
        if case .waiting(let due, _) = phase { return due }
        return nil
    }
}
