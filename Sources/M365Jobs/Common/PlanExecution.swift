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
        if let planned = unwrittenActions(of: plan, dryRun: dryRun, logger: logger) { return planned }
        return await apply()
    }

    /// Audits a safety refusal; then, for a dry run or a plan with nothing to do, the plan's actions as planned,
    /// or nil when its writes are to be applied.
    static func unwrittenActions<Plan: ActionPlan>(of plan: Plan, dryRun: Bool, logger: Logger) -> [ActionReport]? {
        if let refusal = plan.refusal {
            AuditTrail.recordBlocked(
                refusal,
                count: plan.blockedRemoves.count,
                managed: plan.managedCount,
                logger: logger
            )
        }
        return dryRun || plan.isEmpty ? plan.reportActions() : nil
    }
}
