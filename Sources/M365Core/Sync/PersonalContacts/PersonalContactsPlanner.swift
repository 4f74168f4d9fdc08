import M365Primitives

/// Options of a personal contacts plan that come from the job's target.
public struct PersonalContactsPlanOptions: Sendable, Equatable {
    public var skipAdd = false
    public var skipUpdate = false
    public var skipRemove = false
    public var adoptO365Synchronizer: O365SynchronizerAdoption?
}

/// Decides, for one mailbox folder, which contacts to add, update and remove. Pure: values in, a plan out.
public struct PersonalContactsPlanner: Sendable {
    public var job: String
    public var mapper: PersonalContactMapper
    public var options: PersonalContactsPlanOptions
    public var safety: SafetyLimits

    public init(job: String, mapper: PersonalContactMapper, options: PersonalContactsPlanOptions, safety: SafetyLimits)
    {
        self.job = job
        self.mapper = mapper
        self.options = options
        self.safety = safety
    }

    /// A planner for a job's target and safety limits.
    public init(job: String, target: PersonalContactsTarget, safety: SafetyLimits) {
        self.init(
            job: job,
            mapper: PersonalContactMapper(fields: target.fields, categories: target.categories),
            options: PersonalContactsPlanOptions(
                skipAdd: target.skipAdd,
                skipUpdate: target.skipUpdate,
                skipRemove: target.skipRemove,
                adoptO365Synchronizer: target.adoptO365Synchronizer
            ),
            safety: safety
        )
    }

    /// The desired contacts of the selected people; compute once, plan every mailbox with it.
    public func desiredContacts(for people: [SourcePerson]) -> [DesiredContact] {
        people.map(mapper.desired(for:))
    }

    /// Plans one mailbox from the selected people and every contact read from the target folder.
    public func plan(
        people: [SourcePerson],
        existing: [[String: JSONValue]],
        sourceRead: SourceReadStatus,
        allowRemovals: Bool = false
    ) -> PersonalContactsPlan {
        plan(
            desired: desiredContacts(for: people),
            existing: existing,
            sourceRead: sourceRead,
            allowRemovals: allowRemovals
        )
    }

    /// Plans one mailbox. Contacts without this job's marker are never updated or removed (adoption aside).
    ///
    /// `unlisted` counts owned contacts known to match their desired contact that are left out of both `desired`
    /// and `existing` (an incremental run): they count as unchanged and as owned, so the safety limits weigh
    /// removals against every contact the job owns.
    public func plan(
        desired: [DesiredContact],
        existing: [[String: JSONValue]],
        unlisted: Int = 0,
        sourceRead: SourceReadStatus,
        allowRemovals: Bool = false
    ) -> PersonalContactsPlan {
        var plan = PersonalContactsPlan()
        plan.unchanged = unlisted
        var wanted: [String: DesiredContact] = [:]
        var order: [DesiredContact] = []
        for contact in desired where wanted[contact.sourceId] == nil {
            wanted[contact.sourceId] = contact
            order.append(contact)
        }
        let contacts = existing.compactMap { ExistingContact(graph: $0, job: job) }
        let managed = Dictionary(grouping: contacts.filter { $0.managedSourceId != nil }) { $0.managedSourceId ?? "" }
        plan.managedCount = unlisted + managed.values.reduce(0) { $0 + $1.count }
        let removals = planManaged(managed, wanted: wanted, plan: &plan)
        let adoptable = adoptionCandidates(contacts, wanted: wanted, managed: managed)
        for target in order where managed[target.sourceId] == nil {
            planUnmanaged(target, adopting: adoptable[target.sourceId], plan: &plan)
        }
        plan.decideRemovals(
            removals,
            skipRemove: options.skipRemove,
            limits: safety,
            sourceRead: sourceRead,
            allowRemovals: allowRemovals
        )
        return plan
    }

    /// Whether a contact read from Graph holds every written field of `desired` (nothing to update).
    public func matches(_ contact: [String: JSONValue], _ desired: DesiredContact) -> Bool {
        changes(from: contact, to: desired).isEmpty
    }

    /// Updates (or leaves) the best owned contact of each wanted person; returns the removals before safety.
    func planManaged(
        _ managed: [String: [ExistingContact]],
        wanted: [String: DesiredContact],
        plan: inout PersonalContactsPlan
    ) -> [ContactRemoval] {
        var removals: [ContactRemoval] = []
        for (sourceId, group) in managed.sorted(by: { $0.key < $1.key }) {
            guard let target = wanted[sourceId] else {
                removals += group.sorted { $0.id < $1.id }.map { removal($0, sourceId: sourceId, reason: .sourceGone) }
                continue
            }
            let ranked = group.map { ($0, changes(from: $0.raw, to: target)) }.sorted(by: Self.keeperFirst)
            guard let (keeper, keeperChanges) = ranked.first else { continue }
            removals += ranked.dropFirst().map { removal($0.0, sourceId: sourceId, reason: .duplicate) }
            if keeperChanges.isEmpty {
                plan.unchanged += 1
            } else {
                record(update(keeper, target: target, changes: keeperChanges, adopted: false), in: &plan)
            }
        }
        return removals
    }

    /// Adopts a person's unowned contact, or adds one (unless `skipAdd`).
    func planUnmanaged(_ target: DesiredContact, adopting contact: ExistingContact?, plan: inout PersonalContactsPlan) {
        if let contact {
            record(
                update(contact, target: target, changes: changes(from: contact.raw, to: target), adopted: true),
                in: &plan
            )
        } else if options.skipAdd {
            plan.skipped.append(target.report(status: .skipped, error: "skipAdd"))
        } else {
            plan.adds.append(add(target))
        }
    }
}
