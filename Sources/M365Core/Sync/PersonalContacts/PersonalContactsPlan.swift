import M365Primitives

/// A contact to create in a mailbox.
///
/// It keeps the desired contact (shared with every other mailbox's plan) and builds its POST body only when asked:
/// a first sync plans one add per person in every mailbox in flight.
public struct ContactAdd: Sendable, Equatable {
    public var contact: DesiredContact
    public var marker: OwnershipMarker

    public init(contact: DesiredContact, marker: OwnershipMarker) {
        self.contact = contact
        self.marker = marker
    }

    public var sourceId: String { contact.sourceId }
    public var displayName: String { contact.displayName }
    public var email: String { contact.email }

    /// The POST body: the written fields that have a value, and the marker.
    public var body: [String: JSONValue] {
        var body = contact.graphBody
        body["singleValueExtendedProperties"] = PersonalContactMarker.bodyValue(marker)
        return body
    }
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
public struct PersonalContactsPlan: ActionPlan, Sendable, Equatable {
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
}

extension ContactAdd: PlannedAction {
    public static var kind: ActionReport.Kind { .add }
}

/// A wanted contact is reported as the add it would be, when an add is skipped.
extension DesiredContact: PlannedAction {
    public static var kind: ActionReport.Kind { .add }
}

extension ContactUpdate: PlannedAction {
    public static var kind: ActionReport.Kind { .update }
    public var reportedChanges: [String: ValueChange] { changes }
}

extension ContactRemoval: PlannedAction {
    public static var kind: ActionReport.Kind { .remove }
}
