import M365State

/// The adds this job has started in the target tenant and not finished (New-MailContact sent, the marker not
/// yet set), kept in the state store. A contact without a marker that holds such an address is this job's own
/// interrupted add, to be completed; any other unmarked contact is someone else's and is never taken.
///
/// Without a state store nothing is pending, so no unmarked contact is ever taken (the safe side).
struct PendingMailContactAdds: Sendable {
    static let scope = "mailContacts.pendingAdds"

    let stateStore: StateStore?
    let job: String

    private func key(_ email: String) -> String { "\(job)|\(email.lowercased())" }

    /// Records the add before New-MailContact is sent.
    func begin(email: String, name: String) {
        try? stateStore?.setValue(name, forKey: key(email), scope: Self.scope)
    }

    func isPending(email: String) -> Bool {
        guard let stateStore, let value = try? stateStore.value(forKey: key(email), scope: Self.scope) else {
            return false
        }
        return !value.isEmpty
    }

    /// Forgets the add: it completed (the contact carries the marker), or it certainly created nothing.
    func finish(email: String) {
        try? stateStore?.setValue(nil, forKey: key(email), scope: Self.scope)
    }
}
