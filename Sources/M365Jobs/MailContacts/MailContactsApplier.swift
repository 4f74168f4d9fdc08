import Logging
import M365Client
import M365Core
import M365Primitives

/// Performs a mail contacts plan in the target tenant: removals, updates, adds, then manager links.
///
/// Each contact's cmdlets run in order; different contacts run concurrently, at most `concurrency` at once.
struct MailContactsApplier: Sendable {
    let exchange: ExchangeClient
    let target: MailContactsTarget
    let job: String
    let concurrency: Int
    let pending: PendingMailContactAdds
    let logger: Logger

    /// Applies `plan` and returns every action with its outcome, then the skipped and blocked ones.
    func apply(_ plan: MailContactsPlan) async -> [ActionReport] {
        var actions: [ActionReport] = []
        // Removals first: they free names and addresses the adds may reuse.
        actions += await bounded(plan.removes) { removal in
            await perform([removal.invocation], report: removal.report())
        }
        actions += await bounded(plan.updates) { update in
            await perform(update.invocations, report: update.report())
        }
        let added = await bounded(plan.adds) { await add($0) }
        actions += added.map(\.report)
        // A link on a contact added in this run is part of that add and reported only when it fails; a link on an
        // existing contact is an update of its manager, reported and audited either way.
        let adding = Set(plan.adds.map(\.sourceId))
        let linked = await bounded(Self.links(plan, added: added)) { link -> ActionReport? in
            do {
                _ = try await exchange.invoke(cmdlet: link.invocation.cmdlet, parameters: link.invocation.parameters)
                guard !adding.contains(link.sourceId) else { return nil }
                let report = link.report(status: .applied)
                AuditTrail.record(report, logger: logger)
                return report
            } catch {
                let report = link.report(status: .failed, error: "Set-Contact -Manager: \(error)")
                AuditTrail.record(report, logger: logger)
                return report
            }
        }
        actions += linked.compactMap { $0 }
        let blocked = plan.blockedRemoves.map { $0.report(status: .blocked, error: plan.refusal?.description) }
        return actions + plan.skipped + blocked
    }

    /// The manager links to make, by the Guids of the contacts this run created: only links whose manager (and,
    /// for a new contact, whose contact) was really added. A Name alone could point at a contact someone else
    /// made; a link left out is made on the next run.
    static func links(_ plan: MailContactsPlan, added: [AddResult]) -> [MailContactManagerLink] {
        var created: [String: String] = [:]
        for result in added where result.report.status == .applied {
            if let identity = result.identity { created[result.report.sourceId] = identity }
        }
        let adding = Set(plan.adds.map(\.sourceId))
        return plan.managerLinks.compactMap { link in
            guard let manager = created[link.managerSourceId] else { return nil }
            var link = link
            link.manager = manager
            if adding.contains(link.sourceId) {
                guard let identity = created[link.sourceId] else { return nil }
                link.identity = identity
            }
            return link
        }
    }

    /// Runs `calls` in order; the first failure stops the rest. Records the outcome in the audit trail.
    func perform(_ calls: [CmdletInvocation], report: ActionReport) async -> ActionReport {
        var outcome = report.with(status: .applied)
        for call in calls {
            do {
                try await invokeRenumbering(call)
            } catch let error as M365Error where error.kind == .notFound && call.cmdlet == "Remove-MailContact" {
                break  // Already gone: the wanted state holds.
            } catch {
                outcome = report.with(status: .failed, error: "\(call.cmdlet): \(error)")
                break
            }
        }
        AuditTrail.record(outcome, logger: logger)
        return outcome
    }

    /// Runs `call`; when it renames the contact and the Name is taken by a recipient the planner could not see
    /// (one the job does not own), the next numbered variants are tried, as for adds.
    func invokeRenumbering(_ call: CmdletInvocation) async throws {
        var parameters = call.parameters
        guard let name = parameters["Name"]?.stringValue, call.cmdlet == "Set-MailContact" else {
            _ = try await exchange.invoke(cmdlet: call.cmdlet, parameters: parameters)
            return
        }
        var number = 1
        while true {
            do {
                _ = try await exchange.invoke(cmdlet: call.cmdlet, parameters: parameters)
                return
            } catch let error as M365Error where error.kind == .duplicateName && number < Self.maxNameAttempts {
                number += 1
                parameters["Name"] = .string(Self.numbered(Self.nameBase(name), number))
            }
        }
    }

    /// `body` for each element, at most `concurrency` at once; results in input order.
    func bounded<Element: Sendable, Result: Sendable>(
        _ elements: [Element],
        _ body: @escaping @Sendable (Element) async -> Result
    ) async -> [Result] {
        await PersonalContactsJob.forEach(elements, concurrency: concurrency, body) { _ in }
    }
}
