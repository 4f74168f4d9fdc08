import Logging
import M365Client
import M365Core

/// Runs one job definition once and reports what it did. Never throws: failures are in the report.
public struct JobExecutor: Sendable {
    public let environment: SyncEnvironment

    public init(environment: SyncEnvironment) {
        self.environment = environment
    }

    public func run(_ job: JobDefinition, options: JobRunOptions) async -> JobReport {
        let metrics = RequestMetrics()
        let clients = TenantClients(environment: environment, metrics: metrics, logger: options.logger)
        var options = options
        options.dryRun = options.dryRun || job.dryRun
        let outcome: (targets: [TargetReport], error: String?)
        switch job.spec {
        case .personalContacts(let spec):
            outcome = await PersonalContactsJob(
                job: job,
                spec: spec,
                clients: clients,
                stateStore: environment.stateStore,
                options: options
            ).run()
        case .mailContacts(let spec):
            outcome = await MailContactsJob(job: job, spec: spec, clients: clients, options: options).run()
        }
        return JobReport(
            job: job.name,
            kind: job.kind,
            error: outcome.error,
            requests: RequestStats(metrics.snapshot()),
            targets: outcome.targets
        )
    }
}

extension JobExecutor {
    /// Removes the job's own contacts from `mailboxes` (all its targets when empty); never anyone else's.
    public func clear(
        _ job: JobDefinition,
        mailboxes: [String],
        removeFolder: Bool,
        options: JobRunOptions
    ) async -> JobReport {
        let metrics = RequestMetrics()
        let clients = TenantClients(environment: environment, metrics: metrics, logger: options.logger)
        let outcome: (targets: [TargetReport], error: String?)
        switch job.spec {
        case .personalContacts(let spec):
            outcome = await PersonalContactsClear(
                job: job,
                spec: spec,
                clients: clients,
                stateStore: environment.stateStore,
                options: options,
                mailboxes: mailboxes,
                removeFolder: removeFolder
            ).run()
        case .mailContacts(let spec):
            outcome = await MailContactsClear(job: job, spec: spec, clients: clients, options: options).run()
        }
        return JobReport(
            job: job.name,
            kind: job.kind,
            error: outcome.error,
            requests: RequestStats(metrics.snapshot()),
            targets: outcome.targets
        )
    }
}
