import M365State

/// The adds this job has started in the target tenant and not finished (New-MailContact sent, the marker not
/// yet set), kept in the state store. A contact without a marker that holds such an address is this job's own
/// interrupted add, to be completed; any other unmarked contact is someone else's and is never taken.
///
/// The adds left unfinished by earlier runs are read once, when a run's apply begins. Without a state store
/// nothing is pending, so no unmarked contact is ever taken (the safe side).
struct PendingMailContactAdds: Sendable {
    private let stateStore: StateStore?
    private let scope: String
    /// Addresses (lower-cased) whose add an earlier run left unfinished.
    private let unfinished: Set<String>

    init(stateStore: StateStore?, job: String) {
        self.stateStore = stateStore
        scope = "mailContacts.pendingAdds.\(job)"
        unfinished = Set(((try? stateStore?.values(scope: "mailContacts.pendingAdds.\(job)")) ?? [:]).keys)
    }

    /// Whether an earlier run left the add of `email` unfinished.
    func unfinishedEarlier(email: String) -> Bool {
        unfinished.contains(email.lowercased())
    }

    /// Records the add before New-MailContact is sent.
    func begin(email: String, name: String) {
        try? stateStore?.setValue(name, forKey: email.lowercased(), scope: scope)
    }

    /// Forgets the add: it completed (the contact carries the marker), or it certainly created nothing.
    func finish(email: String) {
        try? stateStore?.setValue(nil, forKey: email.lowercased(), scope: scope)
    }
}
