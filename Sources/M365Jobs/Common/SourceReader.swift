import Logging
import M365Client
import M365Core
import M365Primitives

/// Reads and selects the source people of a job: users, org contacts and group memberships.
///
/// Any failed request fails the whole read: a partial source never reaches a planner, so a bad read can
/// never turn into removals.
struct SourceReader: Sendable {
    let graph: GraphClient
    let logger: Logger

    func read(_ selection: SourceSelection) async throws(SyncJobError) -> SourceSelectionResult {
        do {
            async let users = graph.listUsers(select: SourcePerson.userSelect, expand: SourcePerson.userExpand)
            async let filtered = readFilteredUserIds(selection)
            async let orgContacts = readOrgContacts(selection)
            async let members = readGroupMembers(selection)
            let scope = GroupScope(selection: selection, members: try await members)
            var listed = try await users
            if let ids = try await filtered { listed.removeAll { !ids.contains($0["id"]?.stringValue ?? "") } }
            let result = SourceSelector(selection: selection, groups: scope)
                .select(users: listed, orgContacts: try await orgContacts)
            logger.info(
                "Read the source",
                metadata: [
                    "selected": .stringConvertible(result.people.count),
                    "skipped": .stringConvertible(result.skippedCount),
                ]
            )
            return result
        } catch let error as SyncJobError {
            throw error
        } catch {
            throw .sourceReadFailed(error)
        }
    }

    /// With a `userFilter`, the ids it selects; nil without one.
    private func readFilteredUserIds(_ selection: SourceSelection) async throws -> Set<String>? {
        guard let filter = selection.userFilter else { return nil }
        return try await graph.listUserIds(filter: filter)
    }

    private func readOrgContacts(_ selection: SourceSelection) async throws -> [[String: JSONValue]] {
        guard selection.memberTypes.contains(.contact) else { return [] }
        return try await graph.listOrgContacts(
            select: SourcePerson.orgContactSelect,
            expand: SourcePerson.orgContactExpand
        )
    }

    private func readGroupMembers(_ selection: SourceSelection) async throws -> [String: Set<String>] {
        let groups = Set(selection.includeGroups + selection.excludeGroups)
        return try await withThrowingTaskGroup(of: (String, Set<String>).self) { group in
            for id in groups {
                group.addTask { (id, Set(try await graph.transitiveMemberUserIds(groupId: id))) }
            }
            var members: [String: Set<String>] = [:]
            for try await (id, ids) in group { members[id] = ids }
            return members
        }
    }
}
