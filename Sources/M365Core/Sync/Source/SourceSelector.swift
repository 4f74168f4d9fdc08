import M365Primitives

/// Chooses the source people of a job from what was read; one implementation for both job kinds.
public struct SourceSelector: Sendable {
    public var selection: SourceSelection
    public var groups: GroupScope

    public init(selection: SourceSelection, groups: GroupScope = GroupScope()) {
        self.selection = selection
        self.groups = groups
    }

    /// Selects among raw Graph users and org contacts. An object without an id is left out and makes the read
    /// incomplete: the person it stood for may be missing, so nobody is removed on this read.
    public func select(users: [[String: JSONValue]], orgContacts: [[String: JSONValue]] = []) -> SourceSelectionResult {
        let people =
            users.compactMap { SourcePerson(user: $0) } + orgContacts.compactMap { SourcePerson(orgContact: $0) }
        var result = select(people)
        if people.count < users.count + orgContacts.count { result.readStatus = .incomplete }
        return result
    }

    /// Selects among people already built; the result is sorted by id.
    public func select(_ people: [SourcePerson]) -> SourceSelectionResult {
        var selected: [SourcePerson] = []
        var skipped: [SourceSkipReason: Int] = [:]
        var seen = Set<String>()
        for person in people.sorted(by: { $0.id < $1.id }) where seen.insert(person.id).inserted {
            if let reason = skipReason(for: person) {
                skipped[reason, default: 0] += 1
            } else {
                selected.append(person)
            }
        }
        return SourceSelectionResult(people: selected, skipped: skipped)
    }

    /// The first rule that leaves `person` out, or nil when it is selected.
    public func skipReason(for person: SourcePerson) -> SourceSkipReason? {
        let types = selection.memberTypes
        guard types.contains(person.memberType) else { return .memberType }
        if person.kind == .user {
            if selection.requireAccountEnabled, person.accountEnabled != true { return .accountDisabled }
            let exempt = types.contains(.guest) && person.isExternal
            if selection.requireAssignedLicense, !person.hasAssignedLicense, !exempt { return .noLicense }
            if selection.excludeHiddenFromAddressList, person.showInAddressList == false {
                return .hiddenFromAddressList
            }
        }
        if selection.requireEmailAddress, person.email == nil { return .noEmailAddress }
        if selection.requireMobilePhone, person.mobilePhone == nil { return .noMobilePhone }
        if let reason = groups.skipReason(for: person.id) { return reason }
        return selection.filters.isEmpty ? nil : filterSkipReason(for: person.raw)
    }

    /// Every include filter must match (across and within properties); any matching exclude filter excludes.
    public func filterSkipReason(for object: [String: JSONValue]) -> SourceSkipReason? {
        for filter in selection.filters where filter.effect == .exclude && filter.matches(object) {
            return .excludedByFilter
        }
        for filter in selection.filters where filter.effect == .include && !filter.matches(object) {
            return .filteredOut
        }
        return nil
    }
}

/// The selected people of a job and what was left out.
public struct SourceSelectionResult: Sendable, Equatable {
    /// Sorted by id, one per id.
    public var people: [SourcePerson]
    /// How many people each rule left out.
    public var skipped: [SourceSkipReason: Int] = [:]
    /// Whether every object read could be read as a person.
    public var readStatus = SourceReadStatus.complete

    public var skippedCount: Int { skipped.values.reduce(0, +) }

    /// Selected people sharing an address (case-insensitive), keyed by the lowercased address, ids sorted.
    public var duplicateEmails: [String: [String]] {
        let byEmail = Dictionary(grouping: people.filter { $0.email != nil }) { SyncText.folded($0.email ?? "") }
        return byEmail.filter { $0.value.count > 1 }.mapValues { $0.map(\.id) }
    }
}
