import Foundation
import M365Primitives
import M365State

/// The Get-Contact records of a job's mail contacts, kept in the mirror with the `WhenChangedUTC` they were read at,
/// so that a run calls Get-Contact only for the contacts that are new or changed since (Get-MailContact, which the
/// job calls anyway, gives every contact's `WhenChangedUTC`).
///
/// `WhenChangedUTC` has whole seconds: a change in the same second as the read that stored a record goes unseen
/// until the record changes again or the next full read (every `fullSyncInterval`) reads every record anew.
struct MailContactRecords: Sendable {
    static let kind = "mailContactRecords"
    static let scopeName = "target:mailContactRecords"

    let store: StateStore
    let job: String
    let fullSyncInterval: Duration
    let now: Date

    /// A Get-Contact record and the `WhenChangedUTC` it was read at.
    struct Record: Sendable, Equatable {
        var whenChanged: String
        var contact: [String: JSONValue]
    }

    /// What the mirror holds: the records by `Guid`, and whether they may be used (no full read due).
    struct Loaded: Sendable {
        var records: [String: Record] = [:]
        var usable = false
        var fullReadAt: Date?
    }

    func load() throws -> Loaded {
        let scope = try store.mirrorScope(job: job, scope: Self.scopeName)
        var loaded = Loaded(fullReadAt: scope?.fullReadAt)
        guard let fullReadAt = scope?.fullReadAt, now.timeIntervalSince(fullReadAt) < fullSyncInterval.timeInterval
        else { return loaded }
        loaded.usable = true
        for (guid, text) in try store.mirroredObjects(job: job, kind: Self.kind) {
            guard let object = JSONValue(canonicalText: text)?.objectValue,
                let when = object["whenChanged"]?.stringValue,
                let contact = object["contact"]?.objectValue
            else { continue }
            loaded.records[guid] = Record(whenChanged: when, contact: contact)
        }
        return loaded
    }

    /// Stores the records of this run's mail contacts: changed ones written, vanished ones removed.
    func commit(_ current: [String: Record], loaded: Loaded, fullRead: Bool) throws {
        var changes: [String: String?] = [:]
        for (guid, record) in current where loaded.records[guid] != record {
            changes[guid] = .some(
                JSONValue.object(["whenChanged": .string(record.whenChanged), "contact": .object(record.contact)])
                    .canonicalText
            )
        }
        for guid in loaded.records.keys where current[guid] == nil { changes[guid] = .some(nil) }
        try store.commitMirroredObjects(
            job: job,
            kind: Self.kind,
            changes: changes,
            replaceAll: !loaded.usable,
            scope: MirrorScope(fullReadAt: fullRead ? now : loaded.fullReadAt),
            scopeName: Self.scopeName
        )
    }
}
