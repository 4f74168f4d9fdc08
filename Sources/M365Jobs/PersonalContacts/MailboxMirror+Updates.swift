import M365Client
import M365Core
import M365Primitives
import M365State

extension MailboxMirror {
    /// Takes in one page of a delta round: the values of owned contacts it reports, and the owned contacts it
    /// says are gone. Entries come unfolded: a later entry for a contact adds to (and overrides) an earlier one,
    /// an `@removed` entry forgets it until it appears again. Reported contacts the mirror does not know are
    /// collected in `round` (delta gives no marker: they are a person's own, another job's, or a copy of one of
    /// this job's contacts, which only a read with the marker can tell).
    ///
    /// With `settle` (the round after the writes, when nothing is planned any more) each reported contact becomes
    /// its row's stored state at once instead of being kept whole: a full round reports the folder's every contact.
    mutating func absorb(
        page entries: [[String: JSONValue]],
        round: inout DeltaRound,
        settle: ((MirrorContact, [String: JSONValue]) -> MirrorContact)? = nil
    ) {
        for entry in entries {
            if let removal = DeltaRemoval(entry: entry) {
                forget(removal.id)
                round.reported.remove(removal.id)
                round.unknown.remove(removal.id)
                continue
            }
            guard let id = entry["id"]?.stringValue else { continue }
            guard let row = rows[id] else {
                round.reported.insert(id)
                round.unknown.insert(id)
                continue
            }
            // The row's own id: a full round reports every contact, and the page's copy would be kept for each.
            let again = !round.reported.insert(row.contactId).inserted
            if let settle {
                rows[id] = settle(row, entry)
                known[id] = nil
            } else {
                let earlier = again ? known[id] ?? [:] : [:]
                known[id] = marked(earlier.merging(entry) { _, later in later }, sourceId: row.sourceId)
            }
        }
    }

    /// Ends a delta round: a full round (no link, or an expired one) reported every contact, so owned ones it
    /// left out are gone. Returns the reported contacts the mirror does not know, in id order.
    mutating func finish(_ round: DeltaRound, fullRound: Bool) -> [String] {
        if fullRound {
            for id in rows.keys where !round.reported.contains(id) { forget(id) }
        }
        return round.unknown.sorted()
    }

    /// Takes in a contact read with the marker: owned by this job, it becomes a row.
    mutating func absorb(checked contact: [String: JSONValue]) {
        guard let existing = ExistingContact(graph: contact, job: job), let sourceId = existing.managedSourceId
        else { return }
        rows[existing.id] = MirrorContact(
            contactId: existing.id,
            sourceId: sourceId,
            createdDateTime: existing.createdDateTime,
            stateHash: nil,
            data: nil
        )
        known[existing.id] = contact
    }

    /// Starts taking in a full listing: its owned contacts will replace the rows.
    mutating func beginListing() {
        rows = [:]
        known = [:]
    }

    /// Takes in one owned contact of a full listing read with the marker. One that holds its desired contact's
    /// values becomes a row with that contact's hash and nothing more (the planner leaves it out, as in an
    /// incremental run); only the others, to update or remove, are kept whole. A listing thus costs a few hundred
    /// bytes per contact, however large the folder.
    mutating func absorb(
        listed contact: [String: JSONValue],
        as existing: ExistingContact,
        sourceId: String,
        index: DesiredIndex,
        planner: PersonalContactsPlanner
    ) {
        if folderId == nil { folderId = contact["parentFolderId"]?.stringValue }
        // The loaded row, when it is this contact's, so that its strings are shared rather than read again.
        var row =
            loaded[existing.id].flatMap { $0.sourceId == sourceId ? $0 : nil }
            ?? MirrorContact(
                contactId: existing.id,
                sourceId: sourceId,
                createdDateTime: nil,
                stateHash: nil,
                data: nil
            )
        if row.createdDateTime != existing.createdDateTime { row.createdDateTime = existing.createdDateTime }
        row.data = nil
        if let desired = index.desired[sourceId], planner.matches(contact, desired) {
            row.stateHash = index.hashes[sourceId]
            known[existing.id] = nil
        } else {
            row.stateHash = nil
            known[existing.id] = contact
        }
        rows[existing.id] = row
    }

    /// Takes in the writes that went through: updated contacts hold their new values, removed ones are gone,
    /// created ones are owned and hold the desired contact they were created from (and adopted ones are owned).
    mutating func record(_ applied: AppliedPlan, plan: PersonalContactsPlan, index: DesiredIndex) {
        for update in plan.updates where applied.updated.contains(update.contactId) {
            if rows[update.contactId] == nil {
                rows[update.contactId] = MirrorContact(
                    contactId: update.contactId,
                    sourceId: update.sourceId,
                    createdDateTime: nil,
                    stateHash: nil,
                    data: nil
                )
            }
            let before = known[update.contactId] ?? [:]
            known[update.contactId] = marked(
                before.merging(update.body) { _, new in new },
                sourceId: update.sourceId
            )
        }
        for contactId in applied.removed { forget(contactId) }
        for (sourceId, created) in applied.createdContacts {
            rows[created.id] = MirrorContact(
                contactId: created.id,
                sourceId: sourceId,
                createdDateTime: created.createdDateTime,
                stateHash: index.hashes[sourceId],
                data: nil
            )
            if folderId == nil { folderId = created.parentFolderId }
        }
    }

    /// The rows to store: each contact whose values are known keeps the hash of the desired contact it matches,
    /// or its written fields when it matches none; only rows that differ from the loaded ones are written.
    ///
    /// A row whose hash names a desired contact other than the current one (a removal the safety limits held
    /// back, a write that failed) stores that contact's fields instead: the version its hash names is gone once
    /// the source's changes are stored.
    func changes(_ index: DesiredIndex, planner: PersonalContactsPlanner) -> MirrorContactChanges {
        var changes = MirrorContactChanges()
        for (id, var row) in rows {
            if known[id] == nil, let hash = row.stateHash, index.hashes[row.sourceId] != hash,
                let rebuilt = contact(row, index: index)
            {
                row.stateHash = nil
                row.data = JSONValue.object(Self.writtenFields(rebuilt)).canonicalText
            }
            if let contact = known[id] { row = Self.settled(row, holding: contact, index: index, planner: planner) }
            if loaded[id] != row { changes.upserts.append(row) }
        }
        changes.deletions = loaded.keys.filter { rows[$0] == nil }.sorted()
        changes.upserts.sort { $0.contactId < $1.contactId }
        return changes
    }

    /// A row as it is to be stored for a contact whose values are known: the hash of the desired contact they
    /// match, or the written fields when they match none.
    static func settled(
        _ row: MirrorContact,
        holding contact: [String: JSONValue],
        index: DesiredIndex,
        planner: PersonalContactsPlanner
    ) -> MirrorContact {
        var row = row
        if let desired = index.desired[row.sourceId], planner.matches(contact, desired) {
            row.stateHash = index.hashes[row.sourceId]
            row.data = nil
        } else {
            row.stateHash = nil
            row.data = JSONValue.object(writtenFields(contact)).canonicalText
        }
        if row.createdDateTime == nil { row.createdDateTime = contact["createdDateTime"]?.stringValue }
        return row
    }

    /// The folder id a contact read or created this run shows (`parentFolderId`), for the default folder.
    var folderIdSeen: String? {
        folderId ?? known.values.lazy.compactMap { $0["parentFolderId"]?.stringValue }.first
    }

    private mutating func forget(_ contactId: String) {
        rows[contactId] = nil
        known[contactId] = nil
    }

    /// The fields a job writes, as Graph showed them.
    private static func writtenFields(_ contact: [String: JSONValue]) -> [String: JSONValue] {
        contact.filter { ContactField(rawValue: $0.key) != nil }
    }
}
