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

/// The part of a loaded configuration the scheduler needs.
public struct SchedulerConfiguration: Sendable, Equatable {
    /// Every job; disabled ones are not scheduled.
    public var jobs: [JobDefinition]
    public var maxConcurrentJobs: Int
    /// What a job's behaviour depends on, by job name: a job whose revision is unchanged keeps its schedule.
    public var revisions: [String: EffectiveJobDefinition]

    public init(
        jobs: [JobDefinition],
        maxConcurrentJobs: Int,
        revisions: [String: EffectiveJobDefinition] = [:]
    ) {
        self.jobs = jobs
        self.maxConcurrentJobs = maxConcurrentJobs
        self.revisions = revisions
    }

    /// The jobs of `configuration`; a job counts as changed when its definition or one of its tenants changed.
    public init(_ configuration: LoadedConfiguration) {
        var revisions: [String: EffectiveJobDefinition] = [:]
        for job in configuration.jobs {
            revisions[job.name] = configuration.effectiveDefinition(ofJob: job.name)
        }
        self.init(
            jobs: configuration.jobs,
            maxConcurrentJobs: configuration.global.maxConcurrentJobs,
            revisions: revisions
        )
    }

    /// The revision of `job`: from `revisions`, else the definition alone (its file name aside).
    func revision(of job: JobDefinition) -> EffectiveJobDefinition {
        if let revision = revisions[job.name] { return revision }
        var definition = job
        definition.file = ""
        return EffectiveJobDefinition(job: definition, tenants: [])
    }
}

/// How a run ended, as far as scheduling is concerned.
public enum SchedulerRunOutcome: String, Sendable, Equatable {
    /// Next run at the regular interval.
    case succeeded
    /// Retried with backoff when that comes before the next regular run.
    case failed
}
