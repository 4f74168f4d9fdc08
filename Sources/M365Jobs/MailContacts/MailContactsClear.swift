import Logging
import M365Client
import M365Core
import M365Primitives

/// Removes a mail contacts job's own contacts (those carrying its marker) from the target tenant; nothing else.
struct MailContactsClear: Sendable {
    let job: JobDefinition
    let spec: MailContactsJobSpec
    let clients: TenantClients
    let options: JobRunOptions

    func run() async -> (targets: [TargetReport], error: String?) {
        var logger = options.logger
        logger[metadataKey: "target"] = .string(spec.target.tenant)
        let exchange: ExchangeClient
        let marked: [ExistingMailContact]
        do {
            exchange = try clients.client(spec.target.tenant).exchange
            let rows = try await MailContactsReader(exchange: exchange, job: job.name, target: spec.target)
                .readMarked()
            marked = ExistingMailContact.join(
                mailContacts: rows,
                contacts: [],
                job: job.name,
                markerAttribute: spec.target.markerAttribute,
                domains: nil
            ).filter { $0.managedSourceId != nil }
        } catch let error as SyncJobError {
            return ([], error.description)
        } catch {
            return ([], SyncJobError.targetReadFailed(error).description)
        }
        let removals = marked.map { contact in
            (
                call: CmdletInvocation(
                    cmdlet: "Remove-MailContact",
                    parameters: ["Identity": .string(contact.identity), "Confirm": .bool(false)]
                ),
                report: ActionReport(
                    action: .remove,
                    sourceId: contact.managedSourceId ?? "",
                    displayName: contact.displayName,
                    email: contact.email
                )
            )
        }
        let actions: [ActionReport]
        if options.dryRun {
            actions = removals.map(\.report)
        } else {
            let applier = MailContactsApplier(
                exchange: exchange,
                target: spec.target,
                job: job.name,
                concurrency: MailContactsJob.concurrency,
                pending: PendingMailContactAdds(stateStore: nil, job: job.name),
                logger: logger
            )
            actions = await applier.bounded(removals) {
                await applier.perform([$0.call], report: $0.report)
            }
        }
        options.progress?(1, 1)
        return ([TargetReport(target: spec.target.tenant, actions: actions, unchanged: 0)], nil)
    }
}
