import Foundation
import M365Core
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

/// Every write of a personal contacts run × the three moments a kill can hit it: the next run converges
/// (one contact per eligible person, none for anyone else, hand-made contacts untouched) and the run after it
/// writes nothing.
@Suite("Personal contacts crash points")
struct PersonalContactsCrashPointTests {
    enum Write: String, CaseIterable, Sendable {
        case folderCreate, contactAdd, contactUpdate, contactDelete

        var matcher: WriteMatcher {
            switch self {
            case .folderCreate:
                WriteMatcher(endpoint: "graph.mailbox.folders", method: "POST", kind: "graph.contactFolder.create")
            case .contactAdd, .contactUpdate, .contactDelete:
                WriteMatcher(endpoint: "graph.batch", method: "POST", kind: "graph.batch")
            }
        }
    }

    @Test(arguments: Write.allCases, CrashMoment.allCases)
    func aKillAtAWriteIsRepairedByTheNextRun(write: Write, moment: CrashMoment) async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Directory""#)
            let change = try await prepare(write, fixture)
            try await runKilled(
                job: "pc",
                configuration: fixture.deployment.configurationPath,
                control: fixture.control,
                at: write.matcher,
                moment: moment
            )

            let repair = try await fixture.run()
            #expect(repair.status == .succeeded, "\(repair)")
            await fixture.control.clearRequestLog()
            let quiet = try await fixture.run()
            #expect(quiet.totals.add == 0 && quiet.totals.update == 0 && quiet.totals.remove == 0, "\(quiet)")
            #expect(await fixture.deployment.writeRequests().isEmpty, "the run after the repair writes nothing")
            let managed = try await fixture.managed(mailbox)
            let owners = managed.compactMap(PersonalContactsOwnerEditsTests.sourceId(of:))
            #expect(owners.count == managed.count, "every contact besides the hand-made ones is the job's")
            #expect(Set(owners).count == owners.count, "no person twice")
            #expect(owners.count == quiet.totals.unchanged, "one contact per eligible person")
            let folders = try await fixture.control.contactFolders(inMailbox: mailbox)
            #expect(folders.count { $0["displayName"]?.stringValue == "Directory" } == 1, "one folder")
            try await change.check(managed)
            // The kill came between the writes and the mirror's commit of their delta link: the mirror it left
            // still leads the incremental runs to what a full read makes.
            try await fixture.expectFullReadAgrees("after a kill \(moment) at \(write)")
        }
    }

    /// What the run about to be killed is to write; returns the check of its effect after the repair.
    private func prepare(_ write: Write, _ fixture: PersonalContactsFixture) async throws -> ExpectedChange {
        guard write == .contactUpdate || write == .contactDelete else { return ExpectedChange() }
        let first = try await fixture.run()
        #expect(first.status == .succeeded)
        let owner = try await fixture.control.user(tenantId: fixture.tenant, fixture.mailboxes[0]).id
        let synced = Set(
            try await fixture.managed(fixture.mailboxes[0]).compactMap(PersonalContactsOwnerEditsTests.sourceId(of:))
        )
        let users = try await fixture.control.users(tenantId: fixture.tenant)
            .filter { synced.contains($0.id) && $0.id != owner }.prefix(3)
        try #require(users.count == 3)
        var change = ExpectedChange()
        for user in users {
            if write == .contactUpdate {
                try await fixture.control.updateUser(tenantId: fixture.tenant, user.id) {
                    $0.jobTitle = "Crash Test Pilot"
                }
                change.retitled.insert(user.id)
            } else {
                try await fixture.control.removeUser(tenantId: fixture.tenant, user.id)
                change.removed.insert(user.id)
            }
        }
        return change
    }

    /// The source changes the killed run was carrying, as they must look once repaired.
    struct ExpectedChange {
        var retitled: Set<String> = []
        var removed: Set<String> = []

        func check(_ managed: [JSONValue]) async throws {
            for contact in managed {
                guard let id = PersonalContactsOwnerEditsTests.sourceId(of: contact) else { continue }
                #expect(!removed.contains(id), "a leaver's contact is gone")
                if retitled.contains(id) { #expect(contact["jobTitle"]?.stringValue == "Crash Test Pilot") }
            }
        }
    }
}
