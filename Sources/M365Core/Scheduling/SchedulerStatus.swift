extension SchedulerStateMachine {
    /// Jobs sorted by name, for status lines and reports.
    public var sortedJobs: [ScheduledJob] {
        jobs.values.sorted { $0.name < $1.name }
    }

    /// The waiting job that comes next, if any, with the instant it is due.
    public var nextWaitingJob: (job: ScheduledJob, due: SchedulerInstant)? {
        sortedJobs
            .compactMap { job in job.nextDue.map { (job: job, due: $0) } }
            .min { $0.due < $1.due }
    }

    /// The job that finished most recently, if any, with the instant it finished.
    public var lastFinishedJob: (job: ScheduledJob, finish: SchedulerInstant)? {
        sortedJobs
            .compactMap { job in job.lastFinish.map { (job: job, finish: $0) } }
            .max { $0.finish < $1.finish }
    }
}
