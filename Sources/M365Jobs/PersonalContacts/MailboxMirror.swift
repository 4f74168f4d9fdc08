import M365Client
import M365Core
import M365Primitives
import M365State

/// One mailbox's contacts as the mirror knows them, turned into the planner's input and, after the writes, back
/// into rows.
///
/// The mirror is a cache of what Graph said and what the job wrote; it decides ownership (delta queries return no
/// extended properties) but never removes by itself: a removal still needs the source to say the person is gone.
struct MailboxMirror: Sendable {
    let job: String
    /// The rows as loaded, to commit only what changed.
    let loaded: [String: MirrorContact]
    /// Owned contacts by id, updated as the run learns more.
    var rows: [String: MirrorContact]
    /// Contacts whose values this run read or wrote, by id, as Graph shows them (with the marker).
    var known: [String: [String: JSONValue]] = [:]
    /// The folder a contact listed or created this run is in (`parentFolderId`), for the default folder.
    var folderId: String?

    /// `sharing`: the run's desired contacts, whose source ids and hashes the rows then share instead of holding
    /// copies read from the database (every mailbox in flight holds a row per contact).
    init(job: String, rows: [MirrorContact], sharing index: DesiredIndex? = nil) {
        self.job = job
        let shared = index.map { index in rows.map(index.sharing) } ?? rows
        self.loaded = Dictionary(shared.map { ($0.contactId, $0) }) { first, _ in first }
        self.rows = loaded
    }

    /// The planner's input in an incremental run: the contacts whose values are known or can be rebuilt, with the
    /// owned ones that match their desired contact left out (and counted). Nil when a row's values can be neither
    /// read nor rebuilt: the mailbox must then be read in full.
    func plannerInput(_ index: DesiredIndex, order: [DesiredContact]) -> PlannerInput? {
        let bySource = Dictionary(grouping: rows.values) { $0.sourceId }
        var input = PlannerInput()
        var settled = Set<String>()
        for (sourceId, group) in bySource {
            if group.count == 1, let row = group.first, known[row.contactId] == nil, let hash = row.stateHash,
                index.hashes[sourceId] == hash
            {
                input.unlisted += 1
                settled.insert(sourceId)
                continue
            }
            for row in group {
                guard let contact = contact(row, index: index) else { return nil }
                input.existing.append(contact)
            }
        }
        input.desired = order.filter { !settled.contains($0.sourceId) }
        return input
    }

    /// A row's contact as Graph would show it: as read or written in this run, rebuilt from the desired contact
    /// whose hash it keeps, or from the values it keeps.
    func contact(_ row: MirrorContact, index: DesiredIndex) -> [String: JSONValue]? {
        if let contact = known[row.contactId] { return contact }
        var values: [String: JSONValue]
        if let hash = row.stateHash, let desired = index.contact(sourceId: row.sourceId, hash: hash) {
            values = desired.graphBody
        } else if let data = row.data, let stored = JSONValue(canonicalText: data)?.objectValue {
            values = stored
        } else {
            return nil
        }
        values["id"] = .string(row.contactId)
        values["createdDateTime"] = .optional(row.createdDateTime)
        return marked(values, sourceId: row.sourceId)
    }

    /// The contact with this job's marker for `sourceId`, as a listing with the marker expanded shows it.
    func marked(_ contact: [String: JSONValue], sourceId: String) -> [String: JSONValue] {
        var result = contact
        result["singleValueExtendedProperties"] = PersonalContactMarker.bodyValue(
            OwnershipMarker(job: job, sourceId: sourceId)
        )
        return result
    }
}

/// What a delta round reported so far, while its pages are taken in.
struct DeltaRound: Sendable {
    /// Contacts reported (and not removed after).
    var reported: Set<String> = []
    /// Reported contacts the mirror does not know.
    var unknown: Set<String> = []
}

/// What the planner reads in an incremental run.
struct PlannerInput: Sendable {
    var existing: [[String: JSONValue]] = []
    var desired: [DesiredContact] = []
    /// Owned contacts left out because they match their desired contact.
    var unlisted = 0
}
