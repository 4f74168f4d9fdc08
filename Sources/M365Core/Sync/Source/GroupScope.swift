/// Group scoping given the transitive member ids of the job's groups (one listing per group).
public struct GroupScope: Sendable, Equatable {
    /// Union of the included groups' members; nil when no include group is configured.
    public var included: Set<String>?
    /// Union of the excluded groups' members. Exclusion wins over inclusion.
    public var excluded: Set<String>

    public init(included: Set<String>? = nil, excluded: Set<String> = []) {
        self.included = included
        self.excluded = excluded
    }

    /// Scope for `selection`, from a map of group id to its transitive member ids.
    ///
    /// A configured include group missing from `members` counts as empty (the caller must fail the read instead
    /// of passing a partial map).
    public init(selection: SourceSelection, members: [String: Set<String>]) {
        if selection.includeGroups.isEmpty {
            included = nil
        } else {
            included = selection.includeGroups.reduce(into: Set<String>()) { $0.formUnion(members[$1] ?? []) }
        }
        excluded = selection.excludeGroups.reduce(into: Set<String>()) { $0.formUnion(members[$1] ?? []) }
    }

    /// Why `id` is out of scope, or nil when it is in.
    public func skipReason(for id: String) -> SourceSkipReason? {
        if excluded.contains(id) { return .inExcludedGroup }
        if let included, !included.contains(id) { return .notInIncludedGroup }
        return nil
    }
}
