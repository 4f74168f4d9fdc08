import Logging
import M365Core

/// The part of carrying out a plan that both job kinds share.
enum PlanExecution {
    /// Audits a safety refusal, then runs `apply` unless this is a dry run or the plan has nothing to do.
    static func perform<Plan: ActionPlan>(
        _ plan: Plan,
        dryRun: Bool,
        logger: Logger,
        apply: () async -> [ActionReport]
    ) async -> [ActionReport] {
        auditRefusal(of: plan, logger: logger)
        return dryRun || plan.isEmpty ? plan.reportActions() : await apply()
    }

    /// Audits the plan's safety refusal, if it has one.
    static func auditRefusal<Plan: ActionPlan>(of plan: Plan, logger: Logger) {
        guard let refusal = plan.refusal else { return }
        AuditTrail.recordBlocked(refusal, count: plan.blockedRemoves.count, managed: plan.managedCount, logger: logger)
    }
}
