import Logging
import M365Client
import M365Core
import M365Logging

/// A `mailContacts` job run: read the source once, read the target tenant's mail contacts, plan, apply.
struct MailContactsJob: Sendable {
    let job: JobDefinition
    let spec: MailContactsJobSpec
    let clients: TenantClients
    let options: JobRunOptions

    func run() async -> (targets: [TargetReport], error: String?) {
        var logger = options.logger
        logger[metadataKey: "target"] = .string(spec.target.tenant)
        let source: SourceSelectionResult
        let exchange: ExchangeClient
        do {
            source = try await SourceReader(graph: try clients.client(spec.source.tenant).graph, logger: logger)
                .read(spec.source)
            exchange = try clients.client(spec.target.tenant).exchange
        } catch {
            logger.error("Job failed before reading the target", metadata: ["error": .string(error.description)])
            return ([], error.description)
        }
        let planner = MailContactsPlanner(job: job.name, target: spec.target, safety: spec.safety)
        let domains = planner.domains(for: source.people)
        let reader = MailContactsReader(exchange: exchange, job: job.name, target: spec.target)
        let existing: MailContactsReader.Contacts
        do {
            existing = try await reader.read(domains: domains)
        } catch {
            let failure = SyncJobError.targetReadFailed(error)
            logger.error("Cannot read the target's mail contacts", metadata: ["error": .string(failure.description)])
            let report = TargetReport(target: spec.target.tenant, actions: [], unchanged: 0, error: failure.description)
            return ([report], nil)
        }
        let plan = planner.plan(
            people: source.people,
            mailContacts: existing.mailContacts,
            contacts: existing.contacts,
            sourceRead: .complete,
            allowRemovals: options.allowRemovals
        )
        if let refusal = plan.refusal {
            logger.audit(
                .removalsBlocked,
                metadata: [
                    "reason": .string(refusal.name), "blocked": .stringConvertible(plan.blockedRemoves.count),
                    "managed": .stringConvertible(plan.managedCount), "detail": .string(refusal.description),
                ]
            )
        }
        let actions: [ActionReport]
        if options.dryRun || plan.isEmpty {
            actions = plan.reportActions()
        } else {
            let applier = MailContactsApplier(
                exchange: exchange,
                target: spec.target,
                job: job.name,
                concurrency: Self.concurrency,
                logger: logger
            )
            actions = await applier.apply(plan)
        }
        options.progress?(1, 1)
        let report = TargetReport(
            target: spec.target.tenant,
            actions: actions,
            unchanged: plan.unchanged,
            skippedPeople: source.skippedCount + plan.skippedPeople.values.reduce(0, +)
        )
        return ([report], nil)
    }

    /// Concurrent cmdlets per target tenant: the Exchange admin API allows few concurrent requests per tenant.
    static let concurrency = 4
}
