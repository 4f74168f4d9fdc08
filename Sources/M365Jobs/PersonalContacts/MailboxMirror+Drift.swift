import M365Core
import M365Primitives
import M365State

/// Where a mailbox's mirror and a full read of it disagree.
struct MirrorDrift: Sendable, Equatable {
    /// Owned contacts the mirror had that the full read did not find.
    var missing = 0
    /// Owned contacts the full read found that the mirror did not have.
    var unexpected = 0
    /// Owned contacts whose written fields differ from what the mirror held.
    var differing = 0

    var total: Int { missing + unexpected + differing }
}

/// Compares a full listing, a contact at a time as its pages arrive, with the rows the mirror held before it (as
/// brought up to date by the delta round just before).
struct MirrorDriftCheck: Sendable {
    private let reference: MailboxMirror
    private let index: DesiredIndex
    private var found: Set<String> = []
    private var drift = MirrorDrift()

    init(reference: MailboxMirror, index: DesiredIndex) {
        self.reference = reference
        self.index = index
    }

    /// Takes in one owned contact of the listing (read with the marker).
    mutating func compare(_ contact: [String: JSONValue], id: String) {
        guard found.insert(id).inserted else { return }
        guard let row = reference.rows[id] else {
            drift.unexpected += 1
            return
        }
        let fields = index.desired[row.sourceId].map { Array($0.values.keys) } ?? ContactField.allCases
        if let expected = reference.contact(row, index: index), !Self.same(fields, expected, contact) {
            drift.differing += 1
        }
    }

    /// The difference, once the whole listing was compared: rows it did not show are missing.
    var result: MirrorDrift {
        var result = drift
        result.missing = reference.rows.keys.count { !found.contains($0) }
        return result
    }

    private static func same(_ fields: [ContactField], _ lhs: [String: JSONValue], _ rhs: [String: JSONValue]) -> Bool {
        fields.allSatisfy {
            ContactValue.read($0, from: lhs).isEquivalent(to: ContactValue.read($0, from: rhs))
        }
    }
}

extension MailboxMirror {
    /// A mirrored row as `ExistingContact`, with its marker (for the photo step).
    func existingContact(_ row: MirrorContact) -> ExistingContact? {
        ExistingContact(graph: marked(["id": .string(row.contactId)], sourceId: row.sourceId), job: job)
    }
}
