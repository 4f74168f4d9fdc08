import Foundation
import M365Core
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

/// The real `m365sync run` killed with SIGKILL at a write; the next run must converge.
@Suite(.serialized) struct PersonalContactsCrashTests {
    @Test func aKillAfterGraphCreatedTheFolderButBeforeItsIdWasKeptIsRepaired() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Directory""#)
            // Graph creates the folder; its answer never comes back before the kill.
            await fixture.control.setFault(
                FaultRule(endpoint: "graph.mailbox.folders", method: "POST", action: .stallAfterApplying(seconds: 120))
            )
            let child = try await KillableProcess.start(
                "m365sync",
                arguments: ["run", "--config", fixture.deployment.configurationPath, "--job", "pc"]
            )
            let created = await fixture.control.waitForRequest {
                $0.endpoint == "graph.mailbox.folders" && $0.method == "POST"
            }
            try #require(created != nil, "the folder create never arrived: \(child.output)")
            #expect(try await offCooperativePool { child.kill9() }, "killed while the run was waiting")
            await fixture.control.clearFaults()
            let folders = try await fixture.control.contactFolders(inMailbox: mailbox)
            #expect(folders.count { $0["displayName"]?.stringValue == "Directory" } == 1, "Graph made the folder")

            let repair = try await fixture.run()
            #expect(repair.status == .succeeded, "\(repair)")
            let after = try await fixture.control.contactFolders(inMailbox: mailbox)
            let directory = try #require(after.first { $0["displayName"]?.stringValue == "Directory" })
            #expect(after.count { $0["displayName"]?.stringValue == "Directory" } == 1, "no second folder")
            let inFolder = try await fixture.managed(mailbox).filter { $0["parentFolderId"] == directory["id"] }
            #expect(inFolder.count == repair.totals.add)
            #expect(repair.totals.add > 0)

            await fixture.control.clearRequestLog()
            let quiet = try await fixture.run()
            #expect(quiet.status == .succeeded)
            #expect(await fixture.deployment.writeRequests().isEmpty, "the run after the repair writes nothing")
        }
    }

    @Test func anEmptySameNamedFolderWithoutAnInterruptedCreateIsStillNotTaken() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            _ = try await fixture.control.addContactFolder(mailbox: mailbox, displayName: "Directory")
            try fixture.writeJob("pc", target: #""mailboxes": ["\#(mailbox)"], "folder": "Directory""#)
            let refused = try await fixture.run()
            #expect(refused.status == .failed, "a person's empty folder is not the job's: \(refused)")
            #expect(refused.targets.first?.error?.contains("adoptFolder") == true)
        }
    }
}
