import M365Primitives

extension MailContactsPlanner {
    /// One changed field: the value read, the value to write and how the report shows it.
    struct FieldChange {
        var field: MailContactField
        var old: JSONValue?
        var new: JSONValue
        var newDisplay: String
    }

    /// How a plan treats a contact's manager.
    enum ManagerReference {
        /// Not written, or the manager has no contact in the target.
        case untouched
        /// The person has no manager.
        case clear
        /// `write` goes to Set-Contact (an existing contact's Guid, or the Name of one added in this run); Get-Contact
        /// may show any of `accepted` for it.
        case set(write: String, display: String, accepted: Set<String>)
    }

    /// Allocates names, resolves managers and builds the adds and updates.
    func finish(
        _ matching: Matching,
        wanted: [String: DesiredMailContact],
        existing: [ExistingMailContact],
        removed: Set<String>,
        reservedNames: Set<String>,
        plan: inout MailContactsPlan
    ) {
        let keptIds = Set(matching.kept.values.map(\.identity))
        let staying = existing.filter { !removed.contains($0.identity) }
        let others = staying.filter { !keptIds.contains($0.identity) }
        var names = UniqueNameAllocator(taken: others.map(\.name) + reservedNames, style: .hyphen, maxLength: 64)
        var aliases = UniqueNameAllocator(taken: staying.map(\.alias), style: .hyphen, maxLength: 64)
        var displayNames = UniqueNameAllocator(taken: others.map(\.displayName), style: .parenthesized, maxLength: 256)
        let numberDisplayNames =
            target.ensureUniqueDisplayName && mapper.fields.contains(MailContactField.displayName.rawValue)
        // Updates run before adds, so kept contacts hold their new addresses when the adds run.
        var usedAddresses = Set(others.map { SyncText.folded($0.email) })
        for (sourceId, contact) in matching.kept {
            usedAddresses.insert(SyncText.folded(target.skipUpdate ? contact.email : wanted[sourceId]!.email))
        }

        let kept = matching.kept.keys.sorted().map { (sourceId: $0, contact: matching.kept[$0]!, desired: wanted[$0]!) }
        var finalNames = names.assign(kept.map { ($0.sourceId, $0.contact.name, $0.desired.nameBase) })
        var values: [String: [MailContactField: JSONValue]] = [:]
        for item in kept { values[item.sourceId] = item.desired.values }
        if numberDisplayNames {
            let numbered = kept.compactMap { item -> (key: String, current: String, base: String)? in
                guard let base = item.desired.values[.displayName]?.stringValue else { return nil }
                return (item.sourceId, item.contact.displayName, base)
            }
            for (sourceId, displayName) in displayNames.assign(numbered) {
                values[sourceId]![.displayName] = .string(displayName)
            }
        }
        var adding: [String] = []
        for sourceId in matching.toAdd.sorted() {
            let desired = wanted[sourceId]!
            if target.skipAdd {
                plan.skipped.append(skippedAdd(desired, reason: nil))
                continue
            }
            guard usedAddresses.insert(SyncText.folded(desired.email)).inserted else {
                plan.skippedPeople[.addressInUse, default: 0] += 1
                plan.skipped.append(skippedAdd(desired, reason: .addressInUse))
                continue
            }
            finalNames[sourceId] = names.allocate(desired.nameBase)
            values[sourceId] = desired.values
            if numberDisplayNames, let base = desired.values[.displayName]?.stringValue {
                values[sourceId]![.displayName] = .string(displayNames.allocate(base))
            }
            adding.append(sourceId)
        }

        let added = Set(adding)
        func manager(_ desired: DesiredMailContact) -> ManagerReference {
            guard mapper.fields.contains(MailContactField.manager.rawValue) else { return .untouched }
            guard let managerId = desired.managerSourceId else { return .clear }
            // A manager without a contact in the target (not synced, or not added): no stale link stays.
            guard let name = finalNames[managerId] else { return .clear }
            if let contact = matching.kept[managerId] {
                let accepted = Set([contact.identity, contact.name, name].map(SyncText.folded))
                return .set(write: contact.identity, display: name, accepted: accepted)
            }
            return added.contains(managerId)
                ? .set(write: name, display: name, accepted: [SyncText.folded(name)]) : .untouched
        }
        for sourceId in matching.kept.keys.sorted() {
            let contact = matching.kept[sourceId]!
            let desired = wanted[sourceId]!
            var reference = manager(desired)
            if case .set(let write, _, _) = reference, let managerId = desired.managerSourceId,
                added.contains(managerId)
            {
                let current = MailContactField.text(contact.properties[MailContactField.manager.parameter])
                if !SyncText.equalIgnoringCase(current, write), !target.skipUpdate {
                    plan.managerLinks.append(
                        MailContactManagerLink(
                            sourceId: sourceId,
                            identity: contact.identity,
                            manager: write,
                            managerSourceId: managerId
                        )
                    )
                }
                reference = .untouched
            }
            let changes = fieldChanges(contact, values[sourceId]!, manager: reference)
            let adopted = matching.adopted.contains(sourceId)
            if let update = update(contact, desired, name: finalNames[sourceId]!, changes: changes, adopted: adopted) {
                if target.skipUpdate {
                    plan.skipped.append(
                        ActionReport(
                            action: .update,
                            sourceId: sourceId,
                            displayName: update.displayName,
                            email: update.email,
                            changes: update.changes,
                            status: .skipped,
                            error: "skipUpdate"
                        )
                    )
                } else {
                    plan.updates.append(update)
                }
            } else {
                plan.unchanged += 1
            }
        }
        for sourceId in adding {
            let desired = wanted[sourceId]!
            let name = finalNames[sourceId]!
            let alias = aliases.allocate(desired.aliasBase)
            var managerValue: JSONValue? = nil
            if case .set(let write, _, _) = manager(desired) {
                if let managerId = desired.managerSourceId, added.contains(managerId) {
                    plan.managerLinks.append(
                        MailContactManagerLink(
                            sourceId: sourceId,
                            identity: name,
                            manager: write,
                            managerSourceId: managerId
                        )
                    )
                } else {
                    managerValue = .string(write)
                }
            }
            plan.adds.append(add(desired, values: values[sourceId]!, name: name, alias: alias, manager: managerValue))
        }
    }

    /// The written fields that differ between a contact and the wanted values.
    func fieldChanges(
        _ contact: ExistingMailContact,
        _ values: [MailContactField: JSONValue],
        manager: ManagerReference
    ) -> [FieldChange] {
        var changes = values.keys.sorted().compactMap { field -> FieldChange? in
            let old = contact.properties[field.parameter]
            let new = values[field]!
            return field.equivalent(old, new)
                ? nil : FieldChange(field: field, old: old, new: new, newDisplay: MailContactField.display(new))
        }
        let current = MailContactField.text(contact.properties[MailContactField.manager.parameter])
        switch manager {
        case .untouched: break
        case .clear:
            if current != nil {
                changes.append(FieldChange(field: .manager, old: .string(current!), new: .null, newDisplay: ""))
            }
        case .set(let write, let display, let accepted):
            if !accepted.contains(SyncText.folded(current ?? "")) {
                changes.append(
                    FieldChange(
                        field: .manager,
                        old: current.map(JSONValue.string),
                        new: .string(write),
                        newDisplay: display
                    )
                )
            }
        }
        return changes
    }
}
