extension PhotoTarget {
    /// This job's contacts in a mailbox that should carry a photo after a run's field sync: the managed contacts
    /// whose person is still selected and which were not removed, plus the contacts created in the run
    /// (`created`: source id → contact id). Contacts anyone else made never qualify.
    public static func targets(
        existing: [ExistingContact],
        removed: Set<String>,
        desired: [DesiredContact],
        created: [String: String]
    ) -> [PhotoTarget] {
        let people = Dictionary(desired.map { ($0.sourceId, $0) }) { first, _ in first }
        var targets: [PhotoTarget] = []
        for contact in existing where !removed.contains(contact.id) {
            guard let sourceId = contact.managedSourceId, let person = people[sourceId] else { continue }
            targets.append(
                PhotoTarget(
                    contactId: contact.id,
                    sourceId: sourceId,
                    displayName: person.displayName,
                    email: person.email
                )
            )
        }
        for (sourceId, contactId) in created.sorted(by: { $0.key < $1.key }) {
            guard let person = people[sourceId] else { continue }
            targets.append(
                PhotoTarget(
                    contactId: contactId,
                    sourceId: sourceId,
                    displayName: person.displayName,
                    email: person.email
                )
            )
        }
        return targets
    }
}
