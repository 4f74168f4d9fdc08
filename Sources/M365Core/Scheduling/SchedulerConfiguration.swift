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
