/// A job with everything it depends on: equal values mean the job would behave the same.
public struct EffectiveJobDefinition: Sendable, Equatable {
    public var job: JobDefinition
    /// The tenants the job reads from and writes to, sorted by name.
    public var tenants: [TenantConfiguration]

    public init(job: JobDefinition, tenants: [TenantConfiguration]) {
        self.job = job
        self.tenants = tenants
    }
}

/// How the jobs of a reloaded configuration differ from the running one, by job name.
public struct JobChanges: Sendable, Equatable {
    /// Jobs only in the new configuration: start them.
    public var added: [String] = []
    /// Jobs only in the old configuration: stop them after their current run.
    public var removed: [String] = []
    /// Jobs whose definition or tenants changed: reschedule with the new definition.
    public var changed: [String] = []
    /// Jobs that are exactly the same: keep their schedule and state.
    public var unchanged: [String] = []

    public init(added: [String] = [], removed: [String] = [], changed: [String] = [], unchanged: [String] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
        self.unchanged = unchanged
    }
}

extension JobDefinition {
    /// The source tenant and, when different, the target tenant.
    public var tenantNames: [String] {
        let (source, target) =
            switch spec {
            case .personalContacts(let spec): (spec.source.tenant, spec.target.tenant)
            case .mailContacts(let spec): (spec.source.tenant, spec.target.tenant)
            }
        return source == target ? [source] : [source, target].sorted()
    }
}

extension LoadedConfiguration {
    /// The job named `name`, if any.
    public func job(named name: String) -> JobDefinition? {
        jobs.first { $0.name == name }
    }

    /// The job named `name` with the tenants it uses.
    ///
    /// Values are normalised at load time (defaults filled in, paths absolute, the target tenant resolved),
    /// so a reformatted file, reordered keys or an explicit default compare equal; the file name does not count.
    public func effectiveDefinition(ofJob name: String) -> EffectiveJobDefinition? {
        guard var job = job(named: name) else { return nil }
        job.file = ""
        return EffectiveJobDefinition(job: job, tenants: job.tenantNames.compactMap { global.tenants[$0] })
    }

    /// Compares this (new) configuration's jobs with `previous` (the running one).
    public func jobChanges(from previous: LoadedConfiguration) -> JobChanges {
        var changes = JobChanges()
        let oldNames = Set(previous.jobs.map(\.name))
        for job in jobs {
            if !oldNames.contains(job.name) {
                changes.added.append(job.name)
            } else if effectiveDefinition(ofJob: job.name) == previous.effectiveDefinition(ofJob: job.name) {
                changes.unchanged.append(job.name)
            } else {
                changes.changed.append(job.name)
            }
        }
        let newNames = Set(jobs.map(\.name))
        changes.removed = previous.jobs.map(\.name).filter { !newNames.contains($0) }
        return changes
    }
}
