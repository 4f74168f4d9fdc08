import M365Primitives

/// Decides which mail contacts to add, update and remove in the target tenant. Pure: values in, a plan out.
public struct MailContactsPlanner: Sendable {
    public var job: String
    public var target: MailContactsTarget
    public var safety: SafetyLimits
    public var mapper: MailContactMapper

    public init(job: String, target: MailContactsTarget, safety: SafetyLimits) {
        self.job = job
        self.target = target
        self.safety = safety
        mapper = MailContactMapper(target: target)
    }

    /// The configured domains, or those of the people's addresses; lowercased.
    public func domains(for people: [SourcePerson]) -> Set<String> {
        if let configured = target.domains { return Set(configured.map { $0.lowercased() }) }
        return Set(people.compactMap(\.emailDomain))
    }

    /// Plans the target tenant from the selected people and its Get-MailContact and Get-Contact output.
    ///
    /// `reservedNames` are names in use by other recipients (mailboxes, groups) that a new contact must avoid.
    public func plan(
        people: [SourcePerson],
        mailContacts: [[String: JSONValue]],
        contacts: [[String: JSONValue]],
        sourceRead: SourceReadStatus,
        allowRemovals: Bool = false,
        reservedNames: Set<String> = []
    ) -> MailContactsPlan {
        var plan = MailContactsPlan()
        plan.domains = domains(for: people)
        let existing = ExistingMailContact.join(
            mailContacts: mailContacts,
            contacts: contacts,
            job: job,
            markerAttribute: target.markerAttribute,
            domains: target.ownership == .domain ? plan.domains : nil
        ).sorted { $0.identity < $1.identity }
        plan.managedCount = existing.filter(\.isOwned).count
        let managed = Dictionary(grouping: existing.filter { $0.managedSourceId != nil }) { $0.managedSourceId ?? "" }
        let wanted = eligible(people, managed: managed, plan: &plan)
        var matching = match(managed: managed, wanted: wanted)
        adoptOrAdd(wanted, existing: existing, matching: &matching)
        plan.decideRemovals(
            matching.removals,
            skipRemove: target.skipRemove,
            limits: safety,
            sourceRead: sourceRead,
            allowRemovals: allowRemovals
        )
        let removed = Set(plan.removes.map(\.identity))
        finish(matching, existing: existing, removed: removed, reservedNames: reservedNames, plan: &plan)
        return plan
    }

    /// Keeps, for each wanted person, the owned contact closest to the wanted values; the others are removals.
    func match(managed: [String: [ExistingMailContact]], wanted: [String: DesiredMailContact]) -> Matching {
        var matching = Matching()
        for (sourceId, group) in managed.sorted(by: { $0.key < $1.key }) {
            guard let desired = wanted[sourceId] else {
                matching.removals += group.map { removal($0, sourceId: sourceId, reason: .sourceGone) }
                continue
            }
            let ranked = group.sorted { lhs, rhs in
                let left = fieldChanges(lhs, desired.values, manager: .untouched).count
                let right = fieldChanges(rhs, desired.values, manager: .untouched).count
                return left != right ? left < right : lhs.identity < rhs.identity
            }
            guard let best = ranked.first else { continue }
            matching.keep(best, for: desired, adopted: false)
            matching.removals += ranked.dropFirst().map { removal($0, sourceId: sourceId, reason: .duplicate) }
        }
        return matching
    }

    /// Adopts domain-owned contacts by address for the people still unmatched (the rest are adds); the domain-owned
    /// contacts nobody adopts are removals.
    func adoptOrAdd(_ wanted: [String: DesiredMailContact], existing: [ExistingMailContact], matching: inout Matching) {
        var domainByEmail: [String: ExistingMailContact] = [:]
        for contact in existing where contact.ownership == .domain && !contact.email.isEmpty {
            domainByEmail[SyncText.folded(contact.email)] = domainByEmail[SyncText.folded(contact.email)] ?? contact
        }
        for (sourceId, desired) in wanted.sorted(by: { $0.key < $1.key }) where matching.kept[sourceId] == nil {
            if let contact = domainByEmail.removeValue(forKey: SyncText.folded(desired.email)) {
                matching.keep(contact, for: desired, adopted: true)
            } else {
                matching.toAdd.append(desired)
            }
        }
        let wantedEmails = Set(wanted.values.map { SyncText.folded($0.email) })
        for contact in domainByEmail.values.sorted(by: { $0.identity < $1.identity }) {
            let reason: RemovalReason = wantedEmails.contains(SyncText.folded(contact.email)) ? .duplicate : .sourceGone
            matching.removals.append(removal(contact, sourceId: "", reason: reason))
        }
    }

    /// The people to sync by source id: with an address, in the domains, one per address.
    func eligible(
        _ people: [SourcePerson],
        managed: [String: [ExistingMailContact]],
        plan: inout MailContactsPlan
    ) -> [String: DesiredMailContact] {
        var byEmail: [String: [DesiredMailContact]] = [:]
        for person in people.sorted(by: { $0.id < $1.id }) {
            guard let desired = mapper.desired(for: person) else {
                plan.skippedPeople[.noEmailAddress, default: 0] += 1
                continue
            }
            guard let domain = person.emailDomain, plan.domains.contains(domain) else {
                plan.skippedPeople[.outsideDomains, default: 0] += 1
                continue
            }
            byEmail[SyncText.folded(desired.email), default: []].append(desired)
        }
        var wanted: [String: DesiredMailContact] = [:]
        for (email, group) in byEmail {
            let ordered = group.filter { managed[$0.sourceId] != nil } + group.filter { managed[$0.sourceId] == nil }
            wanted[ordered[0].sourceId] = ordered[0]
            guard ordered.count > 1 else { continue }
            plan.duplicateEmails[email] = ordered.map(\.sourceId)
            for duplicate in ordered.dropFirst() {
                plan.skippedPeople[.duplicateEmail, default: 0] += 1
                plan.skipped.append(skippedAdd(duplicate, reason: .duplicateEmail))
            }
        }
        return wanted
    }

    func skippedAdd(_ desired: DesiredMailContact, reason: SourceSkipReason?) -> ActionReport {
        desired.report(status: .skipped, error: reason?.rawValue ?? "skipAdd")
    }

    func removal(_ contact: ExistingMailContact, sourceId: String, reason: RemovalReason) -> MailContactRemoval {
        MailContactRemoval(
            identity: contact.identity,
            sourceId: sourceId,
            name: contact.name,
            displayName: contact.displayName,
            email: contact.email,
            reason: reason
        )
    }
}
