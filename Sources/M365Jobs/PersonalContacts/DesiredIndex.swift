import Crypto
import Foundation
import M365Core
import M365Primitives
import M365State

/// The desired contacts of a run, with the hash the mirror keeps for each, and the other versions of a person a
/// mirrored contact may still hold: the person as before this run's source changes, or as mapped though no longer
/// selected.
struct DesiredIndex: Sendable {
    let mapper: PersonalContactMapper
    /// The selected people's desired contacts, by source id.
    let desired: [String: DesiredContact]
    /// Their hashes, by source id.
    let hashes: [String: String]
    /// People as before this run's source changes, for the ids that changed and existed before.
    let previous: [String: SourcePerson]
    /// People now known but not selected, by id.
    let unselected: [String: SourcePerson]

    init(
        mapper: PersonalContactMapper,
        desired: [DesiredContact],
        previous: [String: SourcePerson],
        unselected: [String: SourcePerson]
    ) {
        self.mapper = mapper
        let byId = Dictionary(desired.map { ($0.sourceId, $0) }) { first, _ in first }
        self.desired = byId
        self.hashes = byId.mapValues(Self.hash)
        self.previous = previous
        self.unselected = unselected
    }

    /// `row` holding the index's own source id and hash strings where they are equal to its own.
    func sharing(_ row: MirrorContact) -> MirrorContact {
        guard let position = desired.index(forKey: row.sourceId) else { return row }
        var shared = row
        shared.sourceId = desired.keys[position]
        if let hash = hashes[row.sourceId], hash == row.stateHash { shared.stateHash = hash }
        return shared
    }

    /// The desired contact of `sourceId` whose hash is `hash`: the current one, the one before this run's source
    /// changes, or the one of a person no longer selected; nil when none matches (the contact must be read).
    func contact(sourceId: String, hash: String) -> DesiredContact? {
        if hashes[sourceId] == hash { return desired[sourceId] }
        var candidates: [SourcePerson] = []
        if let person = previous[sourceId] { candidates.append(person) }
        if let person = unselected[sourceId] { candidates.append(person) }
        return candidates.map(mapper.desired(for:)).first { Self.hash($0) == hash }
    }

    /// SHA-256 of the canonical JSON (sorted keys) of what a desired contact writes, in hex.
    static func hash(_ contact: DesiredContact) -> String {
        SHA256.hash(data: Data(JSONValue.object(contact.graphBody).canonicalText.utf8))
            .map { String(format: "%02x", $0) }.joined()
    }
}
