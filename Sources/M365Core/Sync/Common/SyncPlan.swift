/// What the plans of both job kinds offer the code that carries them out.
public protocol SyncPlan: Sendable {
    associatedtype Removal: Sendable
    /// Removals held back by the safety limits.
    var blockedRemoves: [Removal] { get }
    /// Why removals were held back, if they were.
    var refusal: RemovalRefusal? { get }
    /// How many contacts the job owns in the target.
    var managedCount: Int { get }
    /// Nothing to write and nothing blocked.
    var isEmpty: Bool { get }
    /// Every action as a report entry, with its planned status.
    func reportActions() -> [ActionReport]
}

extension PersonalContactsPlan: SyncPlan {}
extension MailContactsPlan: SyncPlan {}
