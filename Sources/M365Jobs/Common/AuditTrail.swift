import Logging
import M365Core
import M365Logging

/// Writes one journal entry per applied or failed action: the audit trail.
enum AuditTrail {
    static func record(_ action: ActionReport, logger: Logger) {
        var metadata: Logger.Metadata = [
            "action": .string(action.action.rawValue),
            "source_id": .string(action.sourceId),
            "status": .string(action.status.rawValue),
            "display_name": .string(action.displayName),
        ]
        if !action.email.isEmpty { metadata["email"] = .string(action.email) }
        if !action.changes.isEmpty { metadata["fields"] = .string(action.changes.keys.sorted().joined(separator: ",")) }
        if let error = action.error { metadata["error"] = .string(error) }
        logger.audit(event(for: action), metadata: metadata)
    }

    /// The warning event of a target whose removals were refused or blocked by the safety limits.
    static func recordBlocked(_ refusal: RemovalRefusal, count: Int, managed: Int, logger: Logger) {
        logger.audit(
            .removalsBlocked,
            metadata: [
                "reason": .string(refusal.name), "blocked": .stringConvertible(count),
                "managed": .stringConvertible(managed), "detail": .string(refusal.description),
            ]
        )
    }

    /// The warning of a contact whose person's photo was not copied (too large, or removed at the source).
    static func recordPhotoSkipped(_ target: PhotoTarget, reason: String, size: Int?, logger: Logger) {
        var metadata: Logger.Metadata = [
            "source_id": .string(target.sourceId), "display_name": .string(target.displayName),
            "reason": .string(reason),
        ]
        if let size { metadata["size"] = .stringConvertible(size) }
        logger.audit(.photoSkipped, metadata: metadata)
    }

    static func event(for action: ActionReport) -> AuditEvent {
        guard action.status != .failed else { return .actionFailed }
        switch action.action {
        case .add: return .contactAdded
        case .update: return .contactUpdated
        case .remove: return .contactRemoved
        }
    }
}
