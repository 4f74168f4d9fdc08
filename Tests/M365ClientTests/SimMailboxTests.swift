import Foundation
import M365Client
import M365Core
import M365Primitives
import M365Simulator
import Testing

@Suite struct SimMailboxTests {
    static let marker = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name m365syncTest"

    @Test func foldersAreFoundCreatedAndNested() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            #expect(
                try await client.graph.findContactFolder(mailbox: h.mailbox, displayName: "Company's Directory") == nil
            )
            let top = try await client.graph.createContactFolder(mailbox: h.mailbox, displayName: "Company's Directory")
            let found = try await client.graph.findContactFolder(mailbox: h.mailbox, displayName: "Company's Directory")
            #expect(found?.id == top.id)
            let child = try await client.graph.createContactFolder(
                mailbox: h.mailbox,
                displayName: "Sales",
                parentFolderId: top.id
            )
            #expect(try await client.graph.listContactFolders(mailbox: h.mailbox, parentFolderId: top.id) == [child])
            let foundChild = try await client.graph.findContactFolder(
                mailbox: h.mailbox,
                displayName: "Sales",
                parentFolderId: top.id
            )
            #expect(foundChild?.id == child.id)
            #expect(try await client.graph.listContactFolders(mailbox: h.mailbox).contains(top))
        }
    }

    @Test func contactLifecycleWithAHiddenMarker() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let created = try await client.graph.createContact(
                mailbox: h.mailbox,
                folderId: nil,
                properties: [
                    "givenName": .string("Zoë"), "surname": .string("Ångström"),
                    "emailAddresses": .array([.object(["address": .string("zoe@contoso.com"), "name": .string("Zoë")])]
                    ),
                    "singleValueExtendedProperties": .array([
                        .object(["id": .string(Self.marker), "value": .string("src-1")])
                    ]),
                ]
            )
            let id = try #require(created["id"]?.stringValue)
            #expect(created["singleValueExtendedProperties"] == nil)
            try await client.graph.updateContact(
                mailbox: h.mailbox,
                contactId: id,
                properties: ["jobTitle": .string("Boss")]
            )
            let listed = try await client.graph.listContacts(
                mailbox: h.mailbox,
                folderId: nil,
                select: ["givenName", "jobTitle"],
                extendedPropertyId: Self.marker
            )
            let mine = try #require(listed.first { $0["id"]?.stringValue == id })
            #expect(mine["jobTitle"] == .string("Boss"))
            #expect(mine["singleValueExtendedProperties"]?.arrayValue?.first?.objectValue?["value"] == .string("src-1"))
            let fetched = try await client.graph.getContact(
                mailbox: h.mailbox,
                contactId: id,
                select: ["givenName"],
                extendedPropertyId: Self.marker
            )
            #expect(fetched["givenName"] == .string("Zoë"))
            try await client.graph.deleteContact(mailbox: h.mailbox, contactId: id)
            do {
                try await client.graph.deleteContact(mailbox: h.mailbox, contactId: id)
                Issue.record("expected not found")
            } catch let error as M365Error {
                #expect(error.kind == .notFound)
            }
        }
    }

    @Test func listingPagesThroughALargeFolder() async throws {
        try await SimHarness.with { h in
            var options = M365ClientOptions()
            options.contactsPageSize = 100
            let client = try h.client(options: options)
            let folder = try await client.graph.createContactFolder(mailbox: h.mailbox, displayName: "Big")
            let changes = (0..<250).map {
                ContactChange(
                    key: "\($0)",
                    operation: .create(folderId: folder.id, properties: ["givenName": .string("N\($0)")])
                )
            }
            _ = try await client.graph.applyContactChanges(mailbox: h.mailbox, changes: changes)
            let listed = try await client.graph.listContacts(
                mailbox: h.mailbox,
                folderId: folder.id,
                select: ["givenName"]
            )
            #expect(listed.count == 250)
            #expect(await h.log("graph.mailbox.contacts", method: "GET").count == 3)
        }
    }

    @Test func mailboxlessUserIsNotFound() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let users = try await h.sim.control.users(tenantId: h.tenant.tenantId)
            let withoutMailbox = try #require(users.first { !$0.hasMailbox })
            do {
                _ = try await client.graph.listContacts(mailbox: withoutMailbox.id, folderId: nil, select: [])
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .notFound)
                #expect(error.serviceCode == "MailboxNotEnabledForRESTAPI")
            }
        }
    }

    @Test func unknownPropertyIsABadRequestNamingTheService() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            do {
                _ = try await client.graph.createContact(
                    mailbox: h.mailbox,
                    folderId: nil,
                    properties: ["colour": .string("x")]
                )
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .badRequest)
                #expect(error.serviceCode != nil)
            }
        }
    }
}
