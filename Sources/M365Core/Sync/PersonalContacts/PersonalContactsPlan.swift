import M365Primitives

/// A contact to create in a mailbox.
public struct ContactAdd: Sendable, Equatable {
    public var sourceId: String
    public var displayName: String
    public var email: String
    /// The POST body: the written fields that have a value, and the marker.
    public var body: [String: JSONValue]
}

/// A managed (or adopted) contact to PATCH.
public struct ContactUpdate: Sendable, Equatable {
    public var contactId: String
    public var sourceId: String
    public var displayName: String
    public var email: String
    /// Only the changed fields (cleared ones as null, [] or an address of nulls).
    public var body: [String: JSONValue]
    public var changes: [String: ValueChange]
    /// An O365Synchronizer contact taken over: the body adds the marker and clears `fileAs`.
    public var adopted: Bool
}

/// A managed contact to DELETE.
public struct ContactRemoval: Sendable, Equatable {
    public var contactId: String
    public var sourceId: String
    public var displayName: String
    public var email: String
    public var reason: RemovalReason
}

/// What one mailbox needs: the output of `PersonalContactsPlanner`.
public struct PersonalContactsPlan: Sendable, Equatable {
    public var adds: [ContactAdd] = []
    public var updates: [ContactUpdate] = []
    /// Removals that may be applied.
    public var removes: [ContactRemoval] = []
    /// Removals held back by `refusal`.
    public var blockedRemoves: [ContactRemoval] = []
    public var refusal: RemovalRefusal?
    /// Actions left out by `skipAdd`/`skipUpdate`/`skipRemove` (status `skipped`).
    public var skipped: [ActionReport] = []
    public var unchanged = 0
    /// Contacts carrying this job's marker before the plan.
    public var managedCount = 0

    public init() {}

    /// True when nothing would be written and nothing is held back.
    public var isEmpty: Bool { adds.isEmpty && updates.isEmpty && removes.isEmpty && blockedRemoves.isEmpty }

    /// Every action as a report entry: planned writes, then skipped, then blocked removals.
    public func reportActions() -> [ActionReport] {
        var actions: [ActionReport] = []
        actions += adds.map {
            ActionReport(action: .add, sourceId: $0.sourceId, displayName: $0.displayName, email: $0.email)
        }
        actions += updates.map {
            ActionReport(
                action: .update,
                sourceId: $0.sourceId,
                displayName: $0.displayName,
                email: $0.email,
                changes: $0.changes
            )
        }
        actions += removes.map { $0.report(status: .planned, error: nil) }
        actions += skipped
        actions += blockedRemoves.map { $0.report(status: .blocked, error: refusal?.description) }
        return actions
    }
}

extension ContactRemoval {
    /// The report entry of this removal.
    public func report(status: ActionReport.Status, error: String?) -> ActionReport {
        ActionReport(
            action: .remove,
            sourceId: sourceId,
            displayName: displayName,
            email: email,
            status: status,
            error: error
        )
    }
}
