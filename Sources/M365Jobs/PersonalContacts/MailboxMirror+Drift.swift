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

extension MailboxMirror {
    /// Compares the rows (as brought up to date by a delta round) with a full listing read with the marker.
    func drift(_ listing: [[String: JSONValue]], index: DesiredIndex) -> MirrorDrift {
        var found: [String: [String: JSONValue]] = [:]
        for contact in listing {
            guard let existing = ExistingContact(graph: contact, job: job), existing.managedSourceId != nil else {
                continue
            }
            found[existing.id] = contact
        }
        var drift = MirrorDrift()
        drift.unexpected = found.keys.count { rows[$0] == nil }
        for row in rows.values {
            guard let actual = found[row.contactId] else {
                drift.missing += 1
                continue
            }
            let fields = index.desired[row.sourceId].map { Array($0.values.keys) } ?? ContactField.allCases
            if let expected = contact(row, index: index), !Self.same(fields, expected, actual) {
                drift.differing += 1
            }
        }
        return drift
    }

    /// A mirrored row as `ExistingContact`, with its marker (for the photo step).
    func existingContact(_ row: MirrorContact) -> ExistingContact? {
        ExistingContact(graph: marked(["id": .string(row.contactId)], sourceId: row.sourceId), job: job)
    }

    private static func same(_ fields: [ContactField], _ lhs: [String: JSONValue], _ rhs: [String: JSONValue]) -> Bool {
        fields.allSatisfy {
            ContactValue.read($0, from: lhs).isEquivalent(to: ContactValue.read($0, from: rhs))
        }
    }
}
