extension MailContactsPlanner {
    /// One changed field: the value read and the value wanted.
    typealias FieldChange = (field: MailContactField, old: JSONValue?, new: JSONValue)

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
        let numberDisplayNames = target.ensureUniqueDisplayName && mapper.fields.contains(MailContactField.displayName.rawValue)
        var usedAddresses = Set(staying.map { SyncText.folded($0.email) })

        var finalNames: [String: String] = [:]
        var values: [String: [MailContactField: JSONValue]] = [:]
        for sourceId in matching.kept.keys.sorted() {
            let desired = wanted[sourceId]!
            let contact = matching.kept[sourceId]!
            finalNames[sourceId] = names.claim(current: contact.name, base: desired.nameBase)
            values[sourceId] = desired.values
            if numberDisplayNames, let base = desired.values[.displayName]?.stringValue {
                values[sourceId]![.displayName] = .string(displayNames.claim(current: contact.displayName, base: base))
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
        func manager(_ desired: DesiredMailContact) -> JSONValue? {
            guard mapper.fields.contains(MailContactField.manager.rawValue) else { return nil }
            guard let managerId = desired.managerSourceId else { return .null }
            return finalNames[managerId].map(JSONValue.string)
        }
        for sourceId in matching.kept.keys.sorted() {
            let contact = matching.kept[sourceId]!
            let desired = wanted[sourceId]!
            let changes = fieldChanges(contact, values[sourceId]!, manager: manager(desired))
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
            var managerValue = manager(desired)
            if let managerId = desired.managerSourceId, added.contains(managerId), case .string(let managerName)? = managerValue {
                plan.managerLinks.append(MailContactManagerLink(sourceId: sourceId, name: name, manager: managerName))
                managerValue = nil
            }
            plan.adds.append(add(desired, values: values[sourceId]!, name: name, alias: alias, manager: managerValue))
        }
    }

    /// The written fields that differ between a contact and the wanted values (`manager` nil: not compared).
    func fieldChanges(
        _ contact: ExistingMailContact,
        _ values: [MailContactField: JSONValue],
        manager: JSONValue?
    ) -> [FieldChange] {
        var wantedValues = values
        if let manager { wantedValues[.manager] = manager }
        return wantedValues.keys.sorted().compactMap { field in
            let old = contact.properties[field.parameter]
            let new = wantedValues[field]!
            return field.equivalent(old, new) ? nil : (field, old, new)
        }
    }
}
