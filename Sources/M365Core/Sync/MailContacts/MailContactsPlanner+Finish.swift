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
        existing: [ExistingMailContact],
        removed: Set<String>,
        reservedNames: Set<String>,
        plan: inout MailContactsPlan
    ) {
        let kept = matching.kept.keys.sorted().compactMap { matching.kept[$0] }
        let staying = existing.filter { !removed.contains($0.identity) }
        let keptIds = Set(matching.kept.values.compactMap(\.keptContact?.identity))
        let others = staying.filter { !keptIds.contains($0.identity) }
        var allocators = nameAllocators(others: others, staying: staying, reservedNames: reservedNames)
        // Updates run before adds, so kept contacts hold their new addresses when the adds run.
        var usedAddresses = Set(others.map { SyncText.folded($0.email) })
        for person in kept {
            let email = target.skipUpdate ? person.keptContact?.email ?? person.desired.email : person.desired.email
            usedAddresses.insert(SyncText.folded(email))
        }
        let named = assignNames(kept, allocators: &allocators)
        let adding = admit(matching.toAdd, usedAddresses: &usedAddresses, allocators: &allocators, plan: &plan)
        var people: [String: PlannedPerson] = [:]
        for person in named + adding { people[person.sourceId] = person }
        for person in named { planUpdate(person, people: people, plan: &plan) }
        for person in adding {
            let alias = allocators.aliases.allocate(person.desired.aliasBase)
            planAdd(person, alias: alias, people: people, plan: &plan)
        }
    }

    /// The allocators, seeded with the names of the contacts that stay and are not kept (kept ones may be renamed).
    func nameAllocators(
        others: [ExistingMailContact],
        staying: [ExistingMailContact],
        reservedNames: Set<String>
    ) -> NameAllocators {
        NameAllocators(
            names: UniqueNameAllocator(taken: others.map(\.name) + reservedNames, style: .hyphen, maxLength: 64),
            aliases: UniqueNameAllocator(taken: staying.map(\.alias), style: .hyphen, maxLength: 64),
            displayNames: UniqueNameAllocator(
                taken: others.map(\.displayName),
                style: .parenthesized,
                maxLength: 256
            ),
            numberDisplayNames: target.ensureUniqueDisplayName
                && mapper.fields.contains(MailContactField.displayName.rawValue)
        )
    }

    /// Kept people with their names (and numbered display names): each keeps its current one while it still fits.
    func assignNames(_ kept: [PlannedPerson], allocators: inout NameAllocators) -> [PlannedPerson] {
        let current = kept.map { ($0.sourceId, $0.keptContact?.name ?? "", $0.desired.nameBase) }
        let names = allocators.names.assign(current)
        var displayNames: [String: String] = [:]
        if allocators.numberDisplayNames {
            let numbered = kept.compactMap { person -> (key: String, current: String, base: String)? in
                guard let base = person.desired.values[.displayName]?.stringValue else { return nil }
                return (person.sourceId, person.keptContact?.displayName ?? "", base)
            }
            displayNames = allocators.displayNames.assign(numbered)
        }
        return kept.map { person in
            var person = person
            person.name = names[person.sourceId] ?? person.name
            if let displayName = displayNames[person.sourceId] { person.values[.displayName] = .string(displayName) }
            return person
        }
    }

    /// The people to add, named; skips adds when `skipAdd` is set or another contact holds the address.
    func admit(
        _ toAdd: [DesiredMailContact],
        usedAddresses: inout Set<String>,
        allocators: inout NameAllocators,
        plan: inout MailContactsPlan
    ) -> [PlannedPerson] {
        var adding: [PlannedPerson] = []
        for desired in toAdd {
            if target.skipAdd {
                plan.skipped.append(skippedAdd(desired, reason: nil))
                continue
            }
            guard usedAddresses.insert(SyncText.folded(desired.email)).inserted else {
                plan.skippedPeople[.addressInUse, default: 0] += 1
                plan.skipped.append(skippedAdd(desired, reason: .addressInUse))
                continue
            }
            var person = PlannedPerson(desired: desired, contact: .added)
            person.name = allocators.names.allocate(desired.nameBase)
            if allocators.numberDisplayNames, let base = desired.values[.displayName]?.stringValue {
                person.values[.displayName] = .string(allocators.displayNames.allocate(base))
            }
            adding.append(person)
        }
        return adding
    }

    /// How a person's manager is written: by a kept contact's Guid, or by the Name of one added in this run.
    func managerReference(_ desired: DesiredMailContact, people: [String: PlannedPerson]) -> ManagerReference {
        guard mapper.fields.contains(MailContactField.manager.rawValue) else { return .untouched }
        guard let managerId = desired.managerSourceId else { return .clear }
        // A manager without a contact in the target (not synced, or not added): no stale link stays.
        guard let manager = people[managerId] else { return .clear }
        switch manager.contact {
        case .kept(let contact, _):
            let accepted = Set([contact.identity, contact.name, manager.name].map(SyncText.folded))
            return .set(write: contact.identity, display: manager.name, accepted: accepted)
        case .added:
            return .set(write: manager.name, display: manager.name, accepted: [SyncText.folded(manager.name)])
        }
    }

    /// The source id of a person's manager when the manager is added in this run (linked after the adds).
    func addedManager(of desired: DesiredMailContact, people: [String: PlannedPerson]) -> String? {
        guard let managerId = desired.managerSourceId, case .added = people[managerId]?.contact else { return nil }
        return managerId
    }

    /// The update (or skipped update) of a kept person, or one more unchanged contact.
    func planUpdate(_ person: PlannedPerson, people: [String: PlannedPerson], plan: inout MailContactsPlan) {
        guard case .kept(let contact, let adopted) = person.contact else { return }
        var reference = managerReference(person.desired, people: people)
        if case .set(let write, _, _) = reference, let managerId = addedManager(of: person.desired, people: people) {
            let current = MailContactField.text(contact.properties[MailContactField.manager.parameter])
            if !SyncText.equalIgnoringCase(current, write), !target.skipUpdate {
                plan.managerLinks.append(
                    MailContactManagerLink(
                        sourceId: person.sourceId,
                        identity: contact.identity,
                        manager: write,
                        managerSourceId: managerId
                    )
                )
            }
            reference = .untouched
        }
        let changes = fieldChanges(contact, person.values, manager: reference)
        guard
            let update = update(contact, person.desired, name: person.name, changes: changes, adopted: adopted)
        else {
            plan.unchanged += 1
            return
        }
        if target.skipUpdate {
            plan.skipped.append(update.report(status: .skipped, error: "skipUpdate"))
        } else {
            plan.updates.append(update)
        }
    }

    /// The add of a person; a manager added in the same run is linked afterwards.
    func planAdd(_ person: PlannedPerson, alias: String, people: [String: PlannedPerson], plan: inout MailContactsPlan)
    {
        var managerValue: JSONValue? = nil
        if case .set(let write, _, _) = managerReference(person.desired, people: people) {
            if let managerId = addedManager(of: person.desired, people: people) {
                plan.managerLinks.append(
                    MailContactManagerLink(
                        sourceId: person.sourceId,
                        identity: person.name,
                        manager: write,
                        managerSourceId: managerId
                    )
                )
            } else {
                managerValue = .string(write)
            }
        }
        plan.adds.append(
            add(person.desired, values: person.values, name: person.name, alias: alias, manager: managerValue)
        )
    }

    /// The written fields that differ between a contact and the wanted values.
    func fieldChanges(
        _ contact: ExistingMailContact,
        _ values: [MailContactField: JSONValue],
        manager: ManagerReference
    ) -> [FieldChange] {
        var changes = values.sorted { $0.key < $1.key }.compactMap { field, new -> FieldChange? in
            let old = contact.properties[field.parameter]
            return field.equivalent(old, new)
                ? nil : FieldChange(field: field, old: old, new: new, newDisplay: MailContactField.display(new))
        }
        let current = MailContactField.text(contact.properties[MailContactField.manager.parameter])
        switch manager {
        case .untouched: break
        case .clear:
            if let current {
                changes.append(FieldChange(field: .manager, old: .string(current), new: .null, newDisplay: ""))
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
