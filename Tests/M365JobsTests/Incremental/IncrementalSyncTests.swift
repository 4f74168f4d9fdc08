import Foundation
import M365Core
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

/// Runs after the first read the source and each mailbox through delta queries and the mirror: a quiet run costs
/// one request per mailbox, and every change ends as a full read would make it.
@Suite("incremental sync") struct IncrementalSyncTests {
    @Test func aQuietRunCostsOneDeltaRequestPerMailboxAndWritesNothing() async throws {
        try await PersonalContactsFixture.with(users: 30, mailboxes: 3, target: nil) { fixture in
            let first = try await fixture.run()
            #expect(first.status == .succeeded, "\(first)")
            #expect(first.totals.add > 0)
            await fixture.control.clearRequestLog()
            let quiet = try await fixture.run()
            #expect(quiet.status == .succeeded, "\(quiet)")
            #expect(quiet.totals.unchanged == first.totals.add)
            #expect(await fixture.deployment.writeRequests().isEmpty)
            let log = await fixture.control.requestLog().filter { $0.endpoint != "token" }
            let byEndpoint = Dictionary(grouping: log, by: \.endpoint).mapValues(\.count)
            // Per mailbox: its id (the job names it by address) and its folder's changes; then the directory's.
            #expect(
                byEndpoint == ["graph.users": 3, "graph.mailbox.contacts.delta": 3, "graph.users.delta": 1],
                "\(byEndpoint)"
            )
        }
    }

    @Test func ownersEditsDeletionsAndCopiesArriveThroughDeltaAndEndAsAFullReadWouldMakeThem() async throws {
        try await PersonalContactsFixture.with(users: 20, mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            let first = try await fixture.run()
            let synced = try await fixture.managed(mailbox)
            try #require(synced.count >= 3)
            let edited = try #require(synced[0]["id"]?.stringValue)
            let deleted = try #require(synced[1]["id"]?.stringValue)
            try await fixture.control.editContact(
                mailbox: mailbox,
                contactId: edited,
                changes: ["jobTitle": "Edited by the owner"]
            )
            try await fixture.control.deleteContact(mailbox: mailbox, contactId: deleted)
            // A copy of a synced contact, marker and all (as a copy in Outlook makes it).
            let copy: JSONValue = [
                "displayName": synced[2]["displayName"] ?? .null,
                "singleValueExtendedProperties": synced[2]["singleValueExtendedProperties"] ?? .null,
            ]
            try await fixture.control.addPersonalContact(mailbox: mailbox, contact: copy)
            await fixture.control.clearRequestLog()

            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.totals.update == 1, "the owner's edit is undone")
            #expect(report.totals.add == 1, "the deleted contact comes back")
            #expect(report.totals.remove == 1, "the copy is a duplicate")
            let listings = await fixture.listings()
            #expect(listings.isEmpty, "no full listing: \(listings)")
            #expect(try await fixture.ownedCounts(mailbox).values.allSatisfy { $0 == 1 })
            #expect(try await fixture.managed(mailbox).count == first.totals.add)
            try await fixture.expectFullReadAgrees()
        }
    }

    @Test func directoryChangesFlowThroughDeltaIncludingAManagersNewName() async throws {
        try await PersonalContactsFixture.with(users: 20, mailboxes: 2, target: nil) { fixture in
            let first = try await fixture.run()
            let users = try await fixture.control.users(tenantId: fixture.tenant)
            let synced = Set(try first.firstTarget.actions.map(\.sourceId))
            let managed = users.filter { synced.contains($0.id) && !fixture.mailboxes.contains($0.userPrincipalName) }
            try #require(managed.count >= 4)
            let (boss, subordinate, leaver) = (managed[0], managed[1], managed[2])
            try await fixture.control.updateUser(tenantId: fixture.tenant, subordinate.id) { $0.managerId = boss.id }
            #expect(try await fixture.run().status == .succeeded)
            try await fixture.control.updateUser(tenantId: fixture.tenant, boss.id) {
                $0.displayName = "Renamed Boss"
            }
            try await fixture.control.removeUser(tenantId: fixture.tenant, leaver.id)
            await fixture.control.clearRequestLog()

            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            #expect(
                await fixture.requests("graph.users").allSatisfy {
                    $0.target.split(separator: "?").first?.hasSuffix("/users") == false
                },
                "the directory is not listed"
            )
            let listings = await fixture.listings()
            #expect(listings.isEmpty, "no mailbox is listed: \(listings)")
            for mailbox in fixture.mailboxes {
                let contacts = try await fixture.managed(mailbox)
                let shown = contacts.first { PersonalContactsOwnerEditsTests.sourceId(of: $0) == subordinate.id }
                #expect(shown?["manager"] == "Renamed Boss", "the manager's new name reaches their reports")
                #expect(!contacts.contains { PersonalContactsOwnerEditsTests.sourceId(of: $0) == leaver.id })
            }
            try await fixture.expectFullReadAgrees()
        }
    }

    @Test func expiredDeltaLinksAreReadInFullAndConverge() async throws {
        try await PersonalContactsFixture.with(users: 20, mailboxes: 2, target: nil) { fixture in
            _ = try await fixture.run()
            let user = try #require(try await fixture.control.users(tenantId: fixture.tenant).last)
            try await fixture.control.updateUser(tenantId: fixture.tenant, user.id) { $0.jobTitle = "Expired" }
            try await fixture.control.expireDeltaTokens(tenantId: fixture.tenant)
            await fixture.control.clearRequestLog()
            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            #expect(await fixture.requests("graph.users.delta").contains { $0.status == 410 })
            #expect(await fixture.requests("graph.mailbox.contacts.delta").contains { $0.status == 410 })
            #expect(report.totals.remove == 0)
            try await fixture.expectFullReadAgrees()
            await fixture.control.clearRequestLog()
            _ = try await fixture.run()
            #expect(await fixture.deployment.writeRequests().isEmpty)
        }
    }

    @Test func replayedAndDuplicatedDeltaEntriesChangeNothing() async throws {
        try await PersonalContactsFixture.with(users: 20, mailboxes: 2, target: nil) { fixture in
            _ = try await fixture.run()
            try await fixture.control.setDeltaReplays(tenantId: fixture.tenant, true)
            let users = try await fixture.control.users(tenantId: fixture.tenant)
            for user in users.suffix(3) {
                try await fixture.control.updateUser(tenantId: fixture.tenant, user.id) { $0.department = "Replayed" }
            }
            #expect(try await fixture.run().status == .succeeded)
            await fixture.control.clearRequestLog()
            let again = try await fixture.run()
            #expect(again.status == .succeeded, "\(again)")
            #expect(await fixture.deployment.writeRequests().isEmpty, "replayed entries need no write")
            for mailbox in fixture.mailboxes {
                #expect(try await fixture.ownedCounts(mailbox).values.allSatisfy { $0 == 1 })
            }
            try await fixture.expectFullReadAgrees()
        }
    }

    @Test func aSourcePageWithAnObjectWithoutAnIdIsReadAgainNextRun() async throws {
        try await PersonalContactsFixture.with(users: 20, mailboxes: 1, target: nil) { fixture in
            let first = try await fixture.run()
            let changed = try #require(try first.firstTarget.actions.first?.sourceId)
            try await fixture.control.updateUser(tenantId: fixture.tenant, changed) { $0.jobTitle = "Keyless" }
            // The users delta page that reports the change loses the object's id.
            await fixture.control.setFault(
                FaultRule(endpoint: "graph.users.delta", action: .mangledBody(.idRemoved), limit: 1)
            )
            let incomplete = try await fixture.run()
            #expect(incomplete.totals.remove == 0)
            #expect(incomplete.totals.update == 0, "the change could not be seen")
            await fixture.control.clearFaults()
            let next = try await fixture.run()
            #expect(next.totals.update == 1, "the change is read again, not lost with the link: \(next)")
            try await fixture.expectFullReadAgrees()
        }
    }
}
