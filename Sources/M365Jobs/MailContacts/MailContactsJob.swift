import Foundation
import Logging
import M365Client
import M365Core
import M365Logging
import M365State

/// A `mailContacts` job run: read the source once, read the target tenant's mail contacts, plan, apply.
struct MailContactsJob: Sendable {
    let job: JobDefinition
    let spec: MailContactsJobSpec
    let clients: TenantClients
    let stateStore: StateStore?
    let options: JobRunOptions

    func run() async -> (targets: [TargetReport], error: String?) {
        var logger = options.logger
        logger[metadataKey: "target"] = .string(spec.target.tenant)
        let read: SourceRead
        let sourceReader: SourceReader
        let exchange: ExchangeClient
        do {
            sourceReader = try makeSourceReader(logger: logger)
            read = try await sourceReader.read(spec.source)
            exchange = try clients.client(spec.target.tenant).exchange
        } catch {
            logger.error("Job failed before reading the target", metadata: ["error": .string(error.description)])
            return ([], error.description)
        }
        let source = read.selection
        if !options.dryRun {
            await PendingAddReconciler(exchange: exchange, job: job.name, target: spec.target, logger: logger)
                .reconcile(
                    PendingMailContactAdds(stateStore: stateStore, job: job.name),
                    sourceIds: Self.sourceIds(source.people)
                )
        }
        let planner = MailContactsPlanner(job: job.name, target: spec.target, safety: spec.safety)
        let domains = planner.domains(for: source.people)
        let reader = targetReader(exchange)
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
            sourceRead: source.readStatus,
            allowRemovals: options.allowRemovals
        )
        let actions = await PlanExecution.perform(plan, dryRun: options.dryRun, logger: logger) {
            await apply(plan, exchange: exchange, logger: logger)
        }
        options.progress?(1, 1)
        // Every mail contact is listed each run, so the source's changes and the records read may be stored
        // whatever the writes did; the records of the contacts written are dropped, to be read again.
        if !options.dryRun {
            sourceReader.commit(read)
            reader.commit(existing, writtenBy: actions, logger: logger)
        }
        let report = TargetReport(
            target: spec.target.tenant,
            actions: actions,
            unchanged: plan.unchanged - Self.linkOnlyUpdates(plan, actions: actions),
            skippedPeople: source.skippedCount + Self.skippedBeforePlanning(plan)
        )
        return ([report], nil)
    }

    /// The target's reader, with the mirror of Get-Contact records when there is a state store.
    private func targetReader(_ exchange: ExchangeClient) -> MailContactsReader {
        let records = stateStore.map {
            MailContactRecords(store: $0, job: job.name, fullSyncInterval: job.fullSyncInterval, now: Date())
        }
        return MailContactsReader(exchange: exchange, job: job.name, target: spec.target, records: records)
    }

    private func apply(_ plan: MailContactsPlan, exchange: ExchangeClient, logger: Logger) async -> [ActionReport] {
        await MailContactsApplier(
            exchange: exchange,
            target: spec.target,
            job: job.name,
            concurrency: Self.concurrency,
            pending: PendingMailContactAdds(stateStore: stateStore, job: job.name),
            logger: logger
        ).apply(plan)
    }

    /// The source's reader, through the mirror when there is a state store.
    private func makeSourceReader(logger: Logger) throws(SyncJobError) -> SourceReader {
        let mirror = stateStore.map {
            SourceMirror(
                store: $0,
                job: job.name,
                tenant: spec.source.tenant,
                fullSyncInterval: job.fullSyncInterval,
                now: Date(),
                logger: logger
            )
        }
        return SourceReader(graph: try clients.client(spec.source.tenant).graph, logger: logger, mirror: mirror)
    }

    /// Existing contacts the plan counted unchanged whose only write was a manager link (reported as an update).
    static func linkOnlyUpdates(_ plan: MailContactsPlan, actions: [ActionReport]) -> Int {
        let linkOnly = Set(plan.managerLinks.map(\.sourceId))
            .subtracting(plan.adds.map(\.sourceId))
            .subtracting(plan.updates.map(\.sourceId))
        return actions.filter { $0.action == .update && linkOnly.contains($0.sourceId) }.count
    }

    /// People the planner left out without an action entry (duplicates and taken addresses have one).
    static func skippedBeforePlanning(_ plan: MailContactsPlan) -> Int {
        (plan.skippedPeople[.noEmailAddress] ?? 0) + (plan.skippedPeople[.outsideDomains] ?? 0)
    }

    /// Source ids by lower-cased address (the first person of a duplicated address).
    static func sourceIds(_ people: [SourcePerson]) -> [String: String] {
        var ids: [String: String] = [:]
        for person in people {
            guard let email = person.email?.lowercased(), ids[email] == nil else { continue }
            ids[email] = person.id
        }
        return ids
    }

    /// Concurrent cmdlets per target tenant: the Exchange admin API allows few concurrent requests per tenant.
    static let concurrency = 4
}
