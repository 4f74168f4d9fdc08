import Foundation
import M365State

/// The adds this job has started in the target tenant and not finished (New-MailContact sent, the marker not
/// yet set), kept in the state store before New-MailContact is sent (write-ahead). A contact without a marker
/// that holds such an address is this job's own interrupted add; any other unmarked contact is someone else's
/// and is never taken.
///
/// The adds left unfinished by earlier runs are read once, when the value is made. Without a state store
/// nothing is pending, so no unmarked contact is ever taken (the safe side).
struct PendingMailContactAdds: Sendable {
    /// One unfinished add: the Name it was given and the source person it was for.
    struct Record: Sendable, Codable, Equatable {
        var name: String
        /// Nil in records written before the source id was kept.
        var sourceId: String?
    }

    private let stateStore: StateStore?
    private let scope: String
    /// Adds an earlier run left unfinished, by lower-cased address.
    let earlier: [String: Record]

    init(stateStore: StateStore?, job: String) {
        self.stateStore = stateStore
        scope = "mailContacts.pendingAdds.\(job)"
        let stored = (try? stateStore?.values(scope: "mailContacts.pendingAdds.\(job)")) ?? [:]
        earlier = stored.mapValues(Self.decode)
    }

    /// Whether an earlier run left the add of `email` unfinished.
    func unfinishedEarlier(email: String) -> Bool {
        earlier[email.lowercased()] != nil
    }

    /// Records the add before New-MailContact is sent.
    func begin(email: String, name: String, sourceId: String) {
        let record = Record(name: name, sourceId: sourceId)
        let text = (try? JSONEncoder().encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? name
        try? stateStore?.setValue(text, forKey: email.lowercased(), scope: scope)
    }

    /// Forgets the add: it completed (the contact carries the marker), or it certainly created nothing.
    func finish(email: String) {
        try? stateStore?.setValue(nil, forKey: email.lowercased(), scope: scope)
    }

    /// A stored record: JSON, or the bare Name that earlier versions stored.
    static func decode(_ text: String) -> Record {
        if text.hasPrefix("{"), let record = try? JSONDecoder().decode(Record.self, from: Data(text.utf8)) {
            return record
        }
        return Record(name: text, sourceId: nil)
    }
}
