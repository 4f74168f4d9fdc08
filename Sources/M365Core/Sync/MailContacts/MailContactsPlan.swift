import M365Primitives

/// One Exchange cmdlet call: name and parameters (booleans for switches).
public struct CmdletInvocation: Sendable, Equatable {
    public var cmdlet: String
    public var parameters: [String: JSONValue]

    public init(cmdlet: String, parameters: [String: JSONValue]) {
        self.cmdlet = cmdlet
        self.parameters = parameters
    }

    /// A call on one object: `parameters` plus `Identity`.
    init(cmdlet: String, identity: JSONValue, parameters: [String: JSONValue]) {
        self.init(cmdlet: cmdlet, parameters: parameters.merging(["Identity": identity]) { $1 })
    }
}

/// A mail contact to create: New-MailContact, then Set-MailContact (marker) and Set-Contact on the new object.
public struct MailContactAdd: Sendable, Equatable {
    public var sourceId: String
    public var displayName: String
    public var email: String
    /// The unique `Name` given to New-MailContact; also an `-Identity` for the follow-ups.
    public var name: String
    public var newMailContact: [String: JSONValue]
    /// Without `Identity`; always carries the marker attribute.
    public var setMailContact: [String: JSONValue]
    /// Without `Identity`; empty when there is nothing to set.
    public var setContact: [String: JSONValue]

    /// The three calls; `identity` (the new object's Guid, or `name`) goes into the follow-ups.
    public func invocations(identity: String? = nil) -> [CmdletInvocation] {
        let target = JSONValue.string(identity ?? name)
        var calls = [
            CmdletInvocation(cmdlet: "New-MailContact", parameters: newMailContact),
            CmdletInvocation(cmdlet: "Set-MailContact", identity: target, parameters: setMailContact),
        ]
        if !setContact.isEmpty {
            calls.append(CmdletInvocation(cmdlet: "Set-Contact", identity: target, parameters: setContact))
        }
        return calls
    }
}

/// An owned mail contact to change (or adopt, in `domain` ownership).
public struct MailContactUpdate: Sendable, Equatable {
    public var identity: String
    public var sourceId: String
    public var displayName: String
    public var email: String
    /// Without `Identity`; empty when nothing changes through Set-MailContact.
    public var setMailContact: [String: JSONValue]
    /// Without `Identity`; empty when nothing changes through Set-Contact.
    public var setContact: [String: JSONValue]
    public var changes: [String: ValueChange]
    /// A `domain` ownership contact taken over: Set-MailContact stamps the marker.
    public var adopted: Bool

    /// One Set-MailContact and/or one Set-Contact call.
    public var invocations: [CmdletInvocation] {
        let target = JSONValue.string(identity)
        let calls: [(cmdlet: String, parameters: [String: JSONValue])] = [
            ("Set-MailContact", setMailContact), ("Set-Contact", setContact),
        ]
        return calls.filter { !$0.parameters.isEmpty }.map {
            CmdletInvocation(cmdlet: $0.cmdlet, identity: target, parameters: $0.parameters)
        }
    }
}

/// An owned mail contact to remove.
public struct MailContactRemoval: Sendable, Equatable {
    public var identity: String
    /// The marker's source id; empty for a `domain` ownership contact without a marker.
    public var sourceId: String
    public var name: String
    public var displayName: String
    public var email: String
    public var reason: RemovalReason

    public var invocation: CmdletInvocation {
        CmdletInvocation(
            cmdlet: "Remove-MailContact",
            parameters: ["Identity": .string(identity), "Confirm": .bool(false)]
        )
    }

}

/// A manager to set after every add of the plan, because the manager contact is created in the same run.
public struct MailContactManagerLink: Sendable, Equatable {
    public var sourceId: String
    /// The contact's Guid, or for a contact added in this run its `Name`.
    public var identity: String
    /// The manager contact's `Name` (it is added in this run).
    public var manager: String
    /// The manager's source id: the link is made only once the manager's add succeeded.
    public var managerSourceId: String
    /// For the report: the contact's display name and address, and the manager's Name.
    public var displayName: String
    public var email: String
    public var managerName: String

    public init(
        sourceId: String,
        identity: String,
        manager: String,
        managerSourceId: String,
        displayName: String = "",
        email: String = ""
    ) {
        self.sourceId = sourceId
        self.identity = identity
        self.manager = manager
        self.managerSourceId = managerSourceId
        self.displayName = displayName
        self.email = email
        self.managerName = manager
    }

    /// The manager change this link makes, as the report shows it.
    public var reportedChanges: [String: ValueChange] {
        [MailContactField.manager.rawValue: ValueChange(old: "", new: managerName)]
    }

    public var invocation: CmdletInvocation {
        CmdletInvocation(
            cmdlet: "Set-Contact",
            parameters: ["Identity": .string(identity), "Manager": .string(manager)]
        )
    }
}

/// What the target tenant needs: the output of `MailContactsPlanner`.
///
/// Apply in this order: removes (freeing names and addresses), updates (moving addresses), adds, then manager links.
public struct MailContactsPlan: ActionPlan, Sendable, Equatable {
    public var adds: [MailContactAdd] = []
    public var updates: [MailContactUpdate] = []
    public var removes: [MailContactRemoval] = []
    public var blockedRemoves: [MailContactRemoval] = []
    public var refusal: RemovalRefusal?
    public var managerLinks: [MailContactManagerLink] = []
    /// Actions left out by skip switches, duplicate addresses or addresses in use (status `skipped`).
    public var skipped: [ActionReport] = []
    /// People left out before planning (no address, outside `domains`, duplicate address, address in use).
    public var skippedPeople: [SourceSkipReason: Int] = [:]
    /// Selected people sharing an address: lowercased address → source ids; the first id is the one synced.
    public var duplicateEmails: [String: [String]] = [:]
    public var unchanged = 0
    /// Contacts the job owned before the plan (marker, plus domain ones in `domain` ownership).
    public var managedCount = 0
    /// The domains in effect (configured, or those of the selected people's addresses).
    public var domains: Set<String> = []

    public init() {}

    public var isEmpty: Bool {
        adds.isEmpty && updates.isEmpty && removes.isEmpty && blockedRemoves.isEmpty && managerLinks.isEmpty
    }
}

extension MailContactAdd: PlannedAction {
    public static var kind: ActionReport.Kind { .add }
}

/// A wanted contact is reported as the add it would be, when an add is skipped.
extension DesiredMailContact: PlannedAction {
    public static var kind: ActionReport.Kind { .add }
}

extension MailContactUpdate: PlannedAction {
    public static var kind: ActionReport.Kind { .update }
    public var reportedChanges: [String: ValueChange] { changes }
}

extension MailContactRemoval: PlannedAction {
    public static var kind: ActionReport.Kind { .remove }
}

extension MailContactManagerLink: PlannedAction {
    public static var kind: ActionReport.Kind { .update }
}
