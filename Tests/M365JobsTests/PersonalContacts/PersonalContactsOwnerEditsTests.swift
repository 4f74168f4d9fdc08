import Foundation
import M365Core
import M365Jobs
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

/// What mailbox owners do to the folder and to the job's contacts, and how the job treats it.
@Suite("personal contacts: what the mailbox owner does")
struct PersonalContactsOwnerEditsTests {
    @Test func aHomePhoneTheOwnerAddedToAUsersContactStaysThroughUpdates() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, orgContacts: 0) { fixture in
            let mailbox = fixture.mailboxes[0]
            let first = try await fixture.run()
            let sourceId = try #require(first.firstTarget.actions.first?.sourceId)
            let contact = try #require(
                try await fixture.managed(mailbox).first {
                    $0["displayName"] != nil && Self.sourceId(of: $0) == sourceId
                }
            )
            let contactId = try #require(contact["id"]?.stringValue)
            try await fixture.control.editContact(
                mailbox: mailbox,
                contactId: contactId,
                changes: .object(["homePhones": .array([.string("+1 555 0300")])])
            )
            try await fixture.control.updateUser(tenantId: fixture.tenant, sourceId) { $0.jobTitle = "Promoted" }

            let second = try await fixture.run()
            #expect(second.totals.update == 1)
            #expect(try second.firstTarget.actions.first?.changes.keys.sorted() == ["jobTitle"])
            let after = try #require(try await fixture.managed(mailbox).first { $0["id"] == contact["id"] })
            #expect(after["jobTitle"] == .string("Promoted"))
            #expect(after["homePhones"] == .array([.string("+1 555 0300")]))
            #expect(try await fixture.run().totals.update == 0, "the home phone causes no update either")
        }
    }

    @Test func aRemovalWhoseResponseWasLostIsAppliedNotFailed() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let first = try await fixture.run()
            let gone = try #require(first.firstTarget.actions.first?.sourceId)
            try await fixture.control.removeUser(tenantId: fixture.tenant, gone)
            // The DELETE goes through, its response is lost; the retried DELETE answers 404.
            await fixture.control.setFault(
                FaultRule(endpoint: "graph.batch", method: "POST", action: .appliedButResponseLost, limit: 1)
            )
            let second = try await fixture.run()
            let removal = try #require(second.firstTarget.actions.first { $0.sourceId == gone })
            #expect(removal.action == .remove)
            #expect(removal.status == .applied, "\(removal.error ?? "")")
            #expect(second.status == .succeeded)
            #expect(try await fixture.managed(fixture.mailboxes[0]).allSatisfy { Self.sourceId(of: $0) != gone })
        }
    }

    @Test func anEmptyFolderTheOwnerMadeIsNotTakenWithoutAdoptFolder() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let mailbox = fixture.mailboxes[0]
            try await fixture.control.addContactFolder(mailbox: mailbox, displayName: "Directory")
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Directory""#)
            let report = try await fixture.run()
            #expect(report.status == .failed)
            #expect(try report.firstTarget.error?.contains("adoptFolder") == true)
            #expect(try await fixture.managed(mailbox).isEmpty)
        }
    }

    @Test func ofTwoSameNamedFoldersTheJobKeepsUsingItsOwn() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let mailbox = fixture.mailboxes[0]
            // The owner's folder is older than the job's, so Graph lists it first once it has the same name.
            let mine = try await fixture.control.addContactFolder(mailbox: mailbox, displayName: "Friends")
            let friend = try await fixture.control.addPersonalContact(
                mailbox: mailbox,
                folderId: mine,
                contact: .object(["displayName": .string("Old Friend")])
            )
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Staff""#)
            let first = try await fixture.run()
            try await fixture.control.renameContactFolder(mailbox: mailbox, folderId: mine, to: "Staff")

            let second = try await fixture.run()
            #expect(second.status == .succeeded, "\(second)")
            #expect(second.totals.add == 0 && second.totals.remove == 0)
            #expect(
                try await fixture.managed(mailbox).filter { Self.sourceId(of: $0) != nil }.count == first.totals.add
            )
            #expect(try await fixture.deployment.contactsById(mailbox)[friend["id"]?.stringValue ?? ""] == friend)
        }
    }

    @Test func clearKeepsTheJobsFolderWhenTheOwnerPutASubfolderInIt() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let mailbox = fixture.mailboxes[0]
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Staff""#)
            _ = try await fixture.run()
            let folders = try await fixture.control.contactFolders(inMailbox: mailbox)
            let staff = try #require(folders.first { $0["displayName"]?.stringValue == "Staff" }?["id"]?.stringValue)
            let inner = try await fixture.control.addContactFolder(
                mailbox: mailbox,
                displayName: "Mine",
                parentFolderId: staff
            )
            let mine = try await fixture.control.addPersonalContact(
                mailbox: mailbox,
                folderId: inner,
                contact: .object(["displayName": .string("My Dentist")])
            )

            let cleared = try await fixture.clear(removeFolder: true)
            #expect(cleared.status == .succeeded)
            #expect(try await fixture.managed(mailbox).filter { Self.sourceId(of: $0) != nil }.isEmpty)
            let names = try await fixture.control.contactFolders(inMailbox: mailbox).compactMap {
                $0["displayName"]?.stringValue
            }
            #expect(names.contains("Staff") && names.contains("Mine"))
            #expect(try await fixture.deployment.contactsById(mailbox)[mine["id"]?.stringValue ?? ""] == mine)
        }
    }

    /// The source id in a contact's m365sync marker, if it has one.
    static func sourceId(of contact: JSONValue) -> String? {
        let properties = contact["singleValueExtendedProperties"]?.arrayValue ?? []
        let values = properties.compactMap { $0["value"]?.stringValue }
        return values.lazy.compactMap { OwnershipMarker(parsing: $0) }.first { $0.job == "pc" }?.sourceId
    }
}
