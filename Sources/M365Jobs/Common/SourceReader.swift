import Logging
import M365Client
import M365Core
import M365Primitives

/// Reads and selects the source people of a job: users, org contacts and group memberships.
///
/// With a mirror, users and org contacts are read through delta queries and merged with what earlier runs kept;
/// without one (no state store) they are listed in full. Group memberships and a `userFilter`'s ids are listed each
/// run (a few pages of ids): a group's delta does not report changes of nested groups' members.
///
/// Any failed request fails the whole read: a partial source never reaches a planner, so a bad read can
/// never turn into removals.
struct SourceReader: Sendable {
    let graph: GraphClient
    let logger: Logger
    var mirror: SourceMirror?

    func read(_ selection: SourceSelection) async throws(SyncJobError) -> SourceRead {
        do {
            async let collections = readCollections(selection)
            async let filtered = readFilteredUserIds(selection)
            async let members = readGroupMembers(selection)
            let scope = GroupScope(selection: selection, members: try await members)
            let read = try await collections
            let selector = SourceSelector(selection: selection, groups: scope)
            let everyone = read.current(filtered: try await filtered)
            var result = selector.select(everyone)
            if read.anonymousCount > 0 { result.readStatus = .incomplete }
            let selected = Set(result.people.map(\.id))
            let unselected = read.collections.isEmpty ? [] : everyone.filter { !selected.contains($0.id) }
            logger.info(
                "Read the source",
                metadata: [
                    "selected": .stringConvertible(result.people.count),
                    "skipped": .stringConvertible(result.skippedCount),
                    "changed": .stringConvertible(read.changedCount),
                ]
            )
            return SourceRead(
                selection: result,
                previous: read.previousPeople(),
                unselected: Dictionary(unselected.map { ($0.id, $0) }) { first, _ in first },
                collections: read.collections.map(\.committing)
            )
        } catch let error as SyncJobError {
            throw error
        } catch {
            throw .sourceReadFailed(error)
        }
    }

    /// Stores what the read found in the mirror (after the targets were brought in line), unless the read was
    /// incomplete. A failure is logged: the next run then reads the same changes again.
    func commit(_ read: SourceRead) {
        guard let mirror else { return }
        // An object without an id stood for someone this read could not see: storing the rest would lose them
        // for good (the next delta round would not report them again), so the next run reads the same changes.
        guard read.collections.allSatisfy({ $0.anonymousCount == 0 }) else {
            logger.warning("The source read was incomplete; its changes are read again next run")
            return
        }
        for collection in read.collections {
            do {
                try mirror.commit(collection)
            } catch {
                logger.warning(
                    "Cannot store the source mirror; the next run reads the same changes again",
                    metadata: ["collection": .string(collection.kind), "error": .string("\(error)")]
                )
            }
        }
    }

    private func readCollections(_ selection: SourceSelection) async throws -> SourceObjects {
        let wantsContacts = selection.memberTypes.contains(.contact)
        guard let mirror else {
            async let users = graph.listUsers(select: SourcePerson.userSelect, expand: SourcePerson.userExpand)
            let contacts =
                wantsContacts
                ? try await graph.listOrgContacts(
                    select: SourcePerson.orgContactSelect,
                    expand: SourcePerson.orgContactExpand
                ) : []
            return SourceObjects(listedUsers: try await users, listedOrgContacts: contacts)
        }
        let graph = graph
        async let users = mirror.read(kind: "users", select: SourcePerson.userDeltaSelect) { link, handle in
            try await graph.usersDelta(select: SourcePerson.userDeltaSelect, deltaLink: link, handle)
        }
        let contacts =
            wantsContacts
            ? try await mirror.read(kind: "orgContacts", select: SourcePerson.orgContactDeltaSelect) { link, handle in
                try await graph.orgContactsDelta(select: SourcePerson.orgContactDeltaSelect, deltaLink: link, handle)
            } : nil
        return SourceObjects(collections: [try await users] + (contacts.map { [$0] } ?? []))
    }

    /// With a `userFilter`, the ids it selects; nil without one.
    private func readFilteredUserIds(_ selection: SourceSelection) async throws -> Set<String>? {
        guard let filter = selection.userFilter else { return nil }
        return try await graph.listUserIds(filter: filter)
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
