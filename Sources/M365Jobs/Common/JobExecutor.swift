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
        var options = options
        options.dryRun = options.dryRun || job.dryRun
        return await report(job, options: options) { clients in
            switch job.spec {
            case .personalContacts(let spec):
                await PersonalContactsJob(
                    job: job,
                    spec: spec,
                    clients: clients,
                    stateStore: environment.stateStore,
                    options: options
                ).run()
            case .mailContacts(let spec):
                await MailContactsJob(
                    job: job,
                    spec: spec,
                    clients: clients,
                    stateStore: environment.stateStore,
                    options: options
                ).run()
            }
        }
    }

    /// Removes the job's own contacts from `mailboxes` (all its targets when empty); never anyone else's.
    public func clear(
        _ job: JobDefinition,
        mailboxes: [String],
        removeFolder: Bool,
        options: JobRunOptions
    ) async -> JobReport {
        await report(job, options: options) { clients in
            switch job.spec {
            case .personalContacts(let spec):
                await PersonalContactsClear(
                    job: job,
                    spec: spec,
                    clients: clients,
                    stateStore: environment.stateStore,
                    options: options,
                    mailboxes: mailboxes,
                    removeFolder: removeFolder
                ).run()
            case .mailContacts(let spec):
                await MailContactsClear(job: job, spec: spec, clients: clients, options: options).run()
            }
        }
    }

    /// Gives `body` the run's tenant clients and turns its targets into the job's report with the request counts.
    private func report(
        _ job: JobDefinition,
        options: JobRunOptions,
        _ body: (TenantClients) async -> (targets: [TargetReport], error: String?)
    ) async -> JobReport {
        let metrics = RequestMetrics()
        let outcome = await body(TenantClients(environment: environment, metrics: metrics, logger: options.logger))
        return JobReport(
            job: job.name,
            kind: job.kind,
            error: outcome.error,
            requests: RequestStats(metrics.snapshot()),
            targets: outcome.targets
        )
    }
}
