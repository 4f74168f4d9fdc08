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
        if let refusal = plan.refusal {
            AuditTrail.recordBlocked(
                refusal,
                count: plan.blockedRemoves.count,
                managed: plan.managedCount,
                logger: logger
            )
        }
        return dryRun || plan.isEmpty ? plan.reportActions() : await apply()
    }
}
