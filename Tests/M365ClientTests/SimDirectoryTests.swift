import Foundation
import M365Client
import M365Core
import M365Primitives
import M365Simulator
import Testing

@Suite struct SimDirectoryTests {
    @Test func pagingAcrossManyPagesReturnsEveryUserOnce() async throws {
        try await SimHarness.with(seed: TenantSeed(seed: 3, users: 2_345, mailboxes: 1)) { h in
            var options = M365ClientOptions()
            options.directoryPageSize = 100
            let client = try h.client(options: options)
            let users = try await client.graph.listUsers(select: ["displayName", "userType", "accountEnabled"])
            let ids = users.compactMap { $0["id"]?.stringValue }
            let expected = try await h.sim.control.users(tenantId: h.tenant.tenantId).map(\.id)
            #expect(ids.count == expected.count)
            #expect(Set(ids) == Set(expected))
            #expect(await h.log("graph.users").count == 24)
            #expect(users.allSatisfy { $0["userType"]?.stringValue != nil && $0["accountEnabled"]?.boolValue != nil })
        }
    }

    @Test func advancedFilterResendsConsistencyLevelOnEveryPage() async throws {
        try await SimHarness.with(seed: TenantSeed(seed: 4, users: 700, mailboxes: 1)) { h in
            var options = M365ClientOptions()
            options.directoryPageSize = 50
            let client = try h.client(options: options)
            let guests = try await client.graph.listUserIds(filter: "userType eq 'Guest'")
            let expected = try await h.sim.control.users(tenantId: h.tenant.tenantId).filter { $0.userType == "Guest" }
            #expect(!expected.isEmpty)
            #expect(guests == Set(expected.map(\.id)))
            #expect(await h.log("graph.users").allSatisfy { $0.status == 200 })
        }
    }

    @Test func managerIsExpanded() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let users = try await client.graph.listUsers(
                select: ["displayName"],
                expand: "manager($select=id,displayName)"
            )
            let managed = users.filter { $0["manager"]?.objectValue?["displayName"]?.stringValue != nil }
            let expected = try await h.sim.control.users(tenantId: h.tenant.tenantId).filter { $0.managerId != nil }
            #expect(managed.count == expected.count)
        }
    }

    @Test func groupTransitiveMembersAreUserIds() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let users = Set(try await h.sim.control.users(tenantId: h.tenant.tenantId).map(\.id))
            let group = try await h.sim.control.addGroup(
                tenantId: h.tenant.tenantId,
                displayName: "Sales",
                memberIds: Array(users.sorted().prefix(7))
            )
            let nested = try await h.sim.control.addGroup(
                tenantId: h.tenant.tenantId,
                displayName: "Sales EU",
                memberIds: Array(users.sorted().suffix(3))
            )
            try await h.sim.control.addGroupMember(tenantId: h.tenant.tenantId, groupId: group.id, memberId: nested.id)
            let members = try await client.graph.transitiveMemberUserIds(groupId: group.id)
            #expect(members.count == 10)
            #expect(Set(members).isSubset(of: users))
        }
    }

    @Test func orgContactsCarryAddressesAndPhones() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let contacts = try await client.graph.listOrgContacts(select: [
                "displayName", "mail", "phones", "addresses",
            ])
            #expect(contacts.count == 10)
            #expect(contacts.allSatisfy { $0["phones"]?.arrayValue != nil })
        }
    }

    @Test func unknownUserIsNotFound() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            do {
                _ = try await client.graph.getUser("nobody@nowhere.example", select: ["mail"])
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .notFound)
                #expect(error.status == 404)
                #expect(error.requestId != nil)
                #expect(error.clientRequestId != nil)
            }
        }
    }
}

@Suite struct SimDeltaTests {
    @Test func usersDeltaWithChangesRemovalsAndAStaleToken() async throws {
        try await SimHarness.with(seed: TenantSeed(seed: 5, users: 250, mailboxes: 1)) { h in
            let client = try h.client()
            let first = try await client.graph.usersDelta(select: ["displayName", "jobTitle"], deltaLink: nil)
            #expect(first.isFullRead)
            #expect(!first.restartedAfterExpiry)
            #expect(first.changed.count == 250)
            #expect(first.removed.isEmpty)

            let users = try await h.sim.control.users(tenantId: h.tenant.tenantId)
            try await h.sim.control.updateUser(tenantId: h.tenant.tenantId, users[0].id) {
                $0.jobTitle = "Chief Tester"
            }
            try await h.sim.control.removeUser(tenantId: h.tenant.tenantId, users[1].id)
            try await h.sim.control.removeUser(tenantId: h.tenant.tenantId, users[2].id, permanently: true)

            let second = try await client.graph.usersDelta(
                select: ["displayName", "jobTitle"],
                deltaLink: first.deltaLink
            )
            #expect(!second.isFullRead)
            #expect(second.changed.map { $0["id"]?.stringValue } == [users[0].id])
            #expect(second.changed.first?["jobTitle"] == .string("Chief Tester"))
            #expect(Set(second.removed.map(\.id)) == [users[1].id, users[2].id])
            #expect(second.removed.first { $0.id == users[1].id }?.reason == "changed")
            #expect(second.removed.first { $0.id == users[2].id }?.reason == "deleted")

            try await h.sim.control.expireDeltaTokens(tenantId: h.tenant.tenantId)
            let third = try await client.graph.usersDelta(select: ["displayName"], deltaLink: second.deltaLink)
            #expect(third.restartedAfterExpiry)
            #expect(third.isFullRead)
            #expect(third.changed.count == 248)
            #expect(await h.log("graph.users.delta").contains { $0.status == 410 })
        }
    }

    @Test func orgContactsDelta() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let first = try await client.graph.orgContactsDelta(select: ["mail"], deltaLink: nil)
            #expect(first.changed.count == 10)
            let contacts = try await h.sim.control.orgContacts(tenantId: h.tenant.tenantId)
            try await h.sim.control.removeOrgContact(tenantId: h.tenant.tenantId, contacts[0].id)
            let second = try await client.graph.orgContactsDelta(select: ["mail"], deltaLink: first.deltaLink)
            #expect(second.removed.map(\.id) == [contacts[0].id])
            #expect(second.changed.isEmpty)
        }
    }

    @Test func contactsDeltaPerFolderFollowsPagesToTheDeltaLink() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let (folder, created) = try await Self.folderOf450Contacts(h, client)
            #expect(created.allSatisfy { $0.error == nil })
            let first = try await client.graph.contactsDelta(
                mailbox: h.mailbox,
                folderId: folder.id,
                select: ["givenName"],
                deltaLink: nil
            )
            #expect(first.changed.count == 450)
            #expect(first.pages == 3)
            let victim = try #require(try created[0].result.get()?["id"]?.stringValue)
            try await client.graph.deleteContact(mailbox: h.mailbox, contactId: victim)
            let second = try await client.graph.contactsDelta(
                mailbox: h.mailbox,
                folderId: folder.id,
                select: ["givenName"],
                deltaLink: first.deltaLink
            )
            #expect(second.removed.map(\.id) == [victim])
            #expect(second.changed.isEmpty)
        }
    }

    @Test func aFolderDeltaRoundIsHandedOnAPageAtATime() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let (folder, created) = try await Self.folderOf450Contacts(h, client)
            var pages: [Int] = []
            var ids = Set<String>()
            let first = try await client.graph.contactsDelta(
                mailbox: h.mailbox,
                folderId: folder.id,
                select: ["givenName"],
                deltaLink: nil
            ) { page in
                pages.append(page.count)
                ids.formUnion(page.compactMap { $0["id"]?.stringValue })
            }
            #expect(pages == [200, 200, 50])
            #expect(first.isFullRead && first.pages == 3)
            #expect(ids == Set(created.compactMap { try? $0.result.get()?["id"]?.stringValue }))
            let victim = try #require(try created[0].result.get()?["id"]?.stringValue)
            try await client.graph.deleteContact(mailbox: h.mailbox, contactId: victim)
            var removals: [DeltaRemoval] = []
            let second = try await client.graph.contactsDelta(
                mailbox: h.mailbox,
                folderId: folder.id,
                select: ["givenName"],
                deltaLink: first.deltaLink
            ) { page in
                removals += page.compactMap { DeltaRemoval(entry: $0) }
            }
            #expect(removals.map(\.id) == [victim])
            #expect(!second.isFullRead && second.deltaLink != first.deltaLink)
        }
    }

    /// A new folder "Directory" in the harness's mailbox with 450 contacts (three delta pages of 200), and the
    /// results of their creation.
    static func folderOf450Contacts(
        _ h: SimHarness,
        _ client: M365Client
    ) async throws -> (ContactFolder, [ContactChangeResult]) {
        let folder = try await client.graph.createContactFolder(mailbox: h.mailbox, displayName: "Directory")
        let changes = (0..<450).map { index in
            ContactChange(
                key: "\(index)",
                operation: .create(folderId: folder.id, properties: ["givenName": .string("P\(index)")])
            )
        }
        return (folder, try await client.graph.applyContactChanges(mailbox: h.mailbox, changes: changes))
    }
}
