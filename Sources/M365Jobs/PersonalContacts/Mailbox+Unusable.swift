import Logging
import M365Client
import M365Core
import M365Logging

extension Mailbox {
    /// The report of a mailbox that could not be used. A user found through `mailboxGroups` or
    /// `allLicensedUsers` who has no Exchange Online mailbox is `skipped` (logged at info); anything else,
    /// and any mailbox named in `mailboxes`, is a failed target with a `targetSkipped` warning.
    func unusable(_ error: any Error, logger: Logger) -> TargetReport {
        if !listed, let error = error as? M365Error, error.isMailboxNotEnabled {
            logger.info("skipped: the user has no Exchange Online mailbox", metadata: ["event": "targetWithoutMailbox"])
            return TargetReport(
                target: name,
                status: .skipped,
                counts: ActionCounts(),
                actions: [],
                error: "no Exchange Online mailbox"
            )
        }
        let message = (error as? SyncJobError)?.description ?? SyncJobError.mailboxUnavailable(name, error).description
        logger.audit(.targetSkipped, metadata: ["error": .string(message)])
        return TargetReport(target: name, actions: [], unchanged: 0, error: message)
    }
}
