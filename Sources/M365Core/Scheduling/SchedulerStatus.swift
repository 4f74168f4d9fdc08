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
}
