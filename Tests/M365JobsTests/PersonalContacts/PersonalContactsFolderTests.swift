import Foundation
import M365Core
import M365Jobs
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: folders, adoption, clear")
struct PersonalContactsFolderTests {
    static func folderNames(_ fixture: PersonalContactsFixture, _ mailbox: String) async throws -> [String] {
        try await fixture.control.contactFolders(inMailbox: mailbox).compactMap { $0["displayName"]?.stringValue }
    }

    @Test func nestedFolderIsCreatedAndUsed() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Company/Directory""#)
            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            let names = try await Self.folderNames(fixture, mailbox)
            #expect(names.contains("Company") && names.contains("Directory"))
            let folders = try await fixture.control.contactFolders(inMailbox: mailbox)
            let directory = try #require(folders.first { $0["displayName"]?.stringValue == "Directory" })
            let company = try #require(folders.first { $0["displayName"]?.stringValue == "Company" })
            #expect(directory["parentFolderId"] == company["id"])
            let inFolder = try await fixture.managed(mailbox).filter { $0["parentFolderId"] == directory["id"] }
            #expect(inFolder.count == report.totals.add)
            #expect(try await fixture.run().totals.add == 0)
        }
    }

    @Test func sameNamedFolderIsUsedOnlyWithAdoptFolder() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            let folderId = try await fixture.control.addContactFolder(mailbox: mailbox, displayName: "Directory")
            let personal = try await fixture.control.addPersonalContact(
                mailbox: mailbox,
                folderId: folderId,
                contact: .object(
                    ["displayName": .string("My Plumber"), "jobTitle": .string("Plumber")]
                )
            )
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Directory""#)
            let refused = try await fixture.run()
            #expect(refused.status == .failed, "\(refused)")
            #expect(refused.targets.first?.error != nil)

            try fixture.writeJob(
                "pc",
                target: #""mailboxes": ["\#(mailbox)"], "folder": "Directory", "adoptFolder": true"#
            )
            let adopted = try await fixture.run()
            #expect(adopted.status == .succeeded, "\(adopted)")
            #expect(adopted.totals.add > 0)
            let id = try #require(personal["id"]?.stringValue)
            #expect(try await fixture.deployment.contactsById(mailbox)[id] == personal)

            // clear removes only the job's contacts; the folder was not created by m365sync, so it stays.
            let cleared = try await fixture.clear(removeFolder: true)
            #expect(cleared.totals.remove == adopted.totals.add, "\(cleared)")
            let left = try await fixture.deployment.contactsById(mailbox)
            #expect(left[id] == personal)
            #expect(try await fixture.handMadeUntouched())
            #expect(try await Self.folderNames(fixture, mailbox).contains("Directory"))
        }
    }

    @Test func clearRemovesOnlyTheJobsContactsAndItsEmptyFolder() async throws {
        try await PersonalContactsFixture.with(target: nil) { fixture in
            let targets = fixture.mailboxes.map { "\"\($0)\"" }.joined(separator: ", ")
            try fixture.writeJob("pc", target: #""mailboxes": [\#(targets)], "folder": "Staff""#)
            let first = try await fixture.run()
            #expect(first.status == .succeeded)

            await fixture.control.clearRequestLog()
            let planned = try await fixture.clear(mailboxes: [fixture.mailboxes[0]], dryRun: true)
            #expect(try planned.totals.remove == first.firstTarget.counts.add)
            #expect(await fixture.deployment.writeRequests().isEmpty)

            let cleared = try await fixture.clear(mailboxes: [fixture.mailboxes[0]], removeFolder: true)
            #expect(cleared.status == .succeeded, "\(cleared)")
            #expect(cleared.targets.map(\.target) == [fixture.mailboxes[0]])
            #expect(try await fixture.managed(fixture.mailboxes[0]).isEmpty)
            #expect(!(try await Self.folderNames(fixture, fixture.mailboxes[0]).contains("Staff")))
            #expect(try await fixture.managed(fixture.mailboxes[1]).count == first.targets[1].counts.add)
            #expect(try await fixture.handMadeUntouched())
        }
    }
}
