import Foundation
import M365Client
import M365Core
import M365Primitives

/// A target mailbox: how Graph addresses it and how reports name it.
struct Mailbox: Sendable, Hashable {
    /// Object id or UPN, as used in `/users/{id}` paths.
    var id: String
    /// The UPN when known, else the id.
    var name: String
    /// Named in `mailboxes`, rather than found through `mailboxGroups` or `allLicensedUsers`: a user
    /// found that way who has no Exchange Online mailbox (a Teams-only licence, say) is skipped, not failed.
    var listed = true
}

/// Turns a personal contacts target (list, groups, all licensed users, exclusions) into mailboxes.
struct MailboxResolver: Sendable {
    static let userSelect = ["id", "userPrincipalName", "mail", "accountEnabled", "assignedLicenses", "userType"]

    let graph: GraphClient

    func resolve(_ target: PersonalContactsTarget) async throws -> [Mailbox] {
        let needsDirectory =
            !target.mailboxGroups.isEmpty || target.allLicensedUsers || !target.excludeMailboxes.isEmpty
        let directory = needsDirectory ? try await graph.listUsers(select: Self.userSelect) : []
        let byId = Dictionary(directory.compactMap { user in user["id"]?.stringValue.map { ($0, user) } }) { a, _ in a }
        let byUPN = Dictionary(
            directory.compactMap { user in user["userPrincipalName"]?.stringValue.map { ($0.lowercased(), user) } }
        ) { a, _ in a }

        func mailbox(_ user: [String: JSONValue], listed: Bool) -> Mailbox? {
            guard let id = user["id"]?.stringValue else { return nil }
            return Mailbox(id: id, name: user["userPrincipalName"]?.stringValue ?? id, listed: listed)
        }

        var result: [Mailbox] = []
        for given in target.mailboxes {
            if let known = (byId[given] ?? byUPN[given.lowercased()]).flatMap({ mailbox($0, listed: true) }) {
                result.append(known)
            } else {
                result.append(await lookUp(given))
            }
        }
        for group in target.mailboxGroups {
            for id in try await graph.transitiveMemberUserIds(groupId: group) {
                result.append(
                    byId[id].flatMap { mailbox($0, listed: false) } ?? Mailbox(id: id, name: id, listed: false)
                )
            }
        }
        if target.allLicensedUsers {
            result += directory.filter(Self.isLicensedMember).compactMap { mailbox($0, listed: false) }
        }

        let excluded = Set(target.excludeMailboxes.map { $0.lowercased() })
        var seen = Set<String>()
        return result.filter { mailbox in
            let keys: Set = [mailbox.id.lowercased(), mailbox.name.lowercased()]
            guard excluded.isDisjoint(with: keys), seen.isDisjoint(with: keys) else { return false }
            seen.formUnion(keys)
            return true
        }
    }

    /// The mailbox's user by id or UPN, for a stable id and a readable name. When the lookup fails the
    /// mailbox is kept as given: its sync then fails alone with the service's error, and the others go on.
    private func lookUp(_ given: String) async -> Mailbox {
        guard let user = try? await graph.getUser(given, select: ["id", "userPrincipalName"]),
            let id = user["id"]?.stringValue
        else { return Mailbox(id: given, name: given) }
        return Mailbox(id: id, name: user["userPrincipalName"]?.stringValue ?? given)
    }

    static func isLicensedMember(_ user: [String: JSONValue]) -> Bool {
        user["accountEnabled"]?.boolValue == true
            && !(user["assignedLicenses"]?.arrayValue ?? []).isEmpty
            && (user["userType"]?.stringValue ?? "Member").caseInsensitiveCompare("Member") == .orderedSame
    }
}
