import M365Primitives

extension PersonalContactsPlanner {
    /// The changed written fields between a contact read from Graph and the desired contact.
    func changes(
        from contact: [String: JSONValue],
        to target: DesiredContact
    ) -> [ContactField: (old: ContactValue, new: ContactValue)] {
        var result: [ContactField: (old: ContactValue, new: ContactValue)] = [:]
        for (field, desired) in target.values {
            let current = ContactValue.read(field, from: contact)
            if !current.isEquivalent(to: desired) { result[field] = (current, desired) }
        }
        return result
    }

    /// Duplicate order: fewest changes first, then the oldest `createdDateTime`, then the smallest id.
    static func keeperFirst(
        _ lhs: (ExistingContact, [ContactField: (old: ContactValue, new: ContactValue)]),
        _ rhs: (ExistingContact, [ContactField: (old: ContactValue, new: ContactValue)])
    ) -> Bool {
        if lhs.1.count != rhs.1.count { return lhs.1.count < rhs.1.count }
        let left = lhs.0.createdDateTime ?? "~"
        let right = rhs.0.createdDateTime ?? "~"
        if left != right { return left < right }
        return lhs.0.id < rhs.0.id
    }

    /// Unmarked contacts whose `fileAs` is the O365Synchronizer prefix plus a wanted, unmanaged source id.
    func adoptionCandidates(
        _ contacts: [ExistingContact],
        wanted: [String: DesiredContact],
        managed: [String: [ExistingContact]]
    ) -> [String: ExistingContact] {
        guard let prefix = options.adoptO365Synchronizer?.guidPrefix, !prefix.isEmpty else { return [:] }
        var byLowercasedId: [String: String] = [:]
        for sourceId in wanted.keys where managed[sourceId] == nil { byLowercasedId[sourceId.lowercased()] = sourceId }
        var result: [String: ExistingContact] = [:]
        for contact in contacts.sorted(by: { $0.id < $1.id }) where contact.ownership == .unmarked {
            guard let fileAs = SyncText.normalize(contact.fileAs), fileAs.lowercased().hasPrefix(prefix.lowercased())
            else { continue }
            let guid = String(fileAs.dropFirst(prefix.count)).lowercased()
            if let sourceId = byLowercasedId[guid], result[sourceId] == nil { result[sourceId] = contact }
        }
        return result
    }

    func add(_ target: DesiredContact) -> ContactAdd {
        ContactAdd(contact: target, marker: marker(target.sourceId))
    }

    func update(
        _ contact: ExistingContact,
        target: DesiredContact,
        changes: [ContactField: (old: ContactValue, new: ContactValue)],
        adopted: Bool
    ) -> ContactUpdate {
        var body: [String: JSONValue] = [:]
        var report: [String: ValueChange] = [:]
        for (field, change) in changes {
            body[field.rawValue] = change.new.json
            report[field.rawValue] = ValueChange(old: change.old.display, new: change.new.display)
        }
        if adopted {
            let stamp = marker(target.sourceId)
            body["singleValueExtendedProperties"] = PersonalContactMarker.bodyValue(stamp)
            body["fileAs"] = .string("")
            report["fileAs"] = ValueChange(old: contact.fileAs ?? "", new: "")
            report["marker"] = ValueChange(old: "", new: stamp.encoded)
        }
        return ContactUpdate(
            contactId: contact.id,
            sourceId: target.sourceId,
            displayName: target.displayName,
            email: target.email,
            body: body,
            changes: report,
            adopted: adopted
        )
    }

    /// Adds the update to the plan, or to its skipped actions under `skipUpdate`.
    func record(_ update: ContactUpdate, in plan: inout PersonalContactsPlan) {
        if options.skipUpdate {
            plan.skipped.append(update.report(status: .skipped, error: "skipUpdate"))
        } else {
            plan.updates.append(update)
        }
    }

    func removal(_ contact: ExistingContact, sourceId: String, reason: RemovalReason) -> ContactRemoval {
        ContactRemoval(
            contactId: contact.id,
            sourceId: sourceId,
            displayName: contact.displayName,
            email: contact.email,
            reason: reason
        )
    }

    func marker(_ sourceId: String) -> OwnershipMarker {
        OwnershipMarker(job: job, sourceId: sourceId)
    }
}
