import Foundation
import M365Core
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: the m365sync binary (run, plan, clear, demo)")
struct PersonalContactsCommandTests {
    static func m365sync(_ arguments: [String]) async throws -> CompletedProcess {
        try await BuiltProducts.run("m365sync", arguments: arguments)
    }

    @Test func runPlanClearThroughTheBinary() async throws {
        try await PersonalContactsFixture.with(
            target: nil,
            safety: #""maxRemove": 1, "maxRemovePercent": 100"#
        ) { fixture in
            let config = fixture.deployment.configurationPath

            let plan = try await Self.m365sync(["plan", "--config", config, "--job", "pc"])
            #expect(plan.status == 0, "\(plan.standardError)")
            // One table per mailbox: a header, then one planned add per person.
            let rows = plan.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let adds = rows.filter { $0.hasPrefix("add ") && $0.hasSuffix("planned") }
            #expect(rows.filter { $0.hasPrefix("ACTION") }.count == fixture.mailboxes.count, "\(plan.standardOutput)")
            #expect(adds.count >= fixture.mailboxes.count && adds.count % fixture.mailboxes.count == 0)
            #expect(try await fixture.managed(fixture.mailboxes[0]).isEmpty)

            let run = try await Self.m365sync(["run", "--config", config, "--job", "pc", "--json"])
            #expect(run.status == 0, "\(run.standardError)")
            let report = try JSONDecoder().decode(RunReport.self, from: Data(run.standardOutput.utf8))
            #expect(report.jobs.first?.status == .succeeded)
            #expect(report.jobs.first?.targets.count == 2)
            let job = try JSONValue(decoding: Data(run.standardOutput.utf8))["jobs"]?[0]
            #expect(job?["requests"]?.objectValue != nil)
            #expect(job?["targets"]?[0]?["counts"]?["add"]?.numberValue != nil)

            let people = try #require(report.jobs.first?.targets.first).counts.add
            let ids = try #require(report.jobs.first?.targets.first).actions.map(\.sourceId).prefix(2)
            for id in ids { try await fixture.control.removeUser(tenantId: fixture.tenant, id) }
            let blocked = try await Self.m365sync(["run", "--config", config, "--job", "pc", "--json"])
            #expect(blocked.status == 3, "\(blocked.standardError)")
            let allowed = try await Self.m365sync(["run", "--config", config, "--job", "pc", "--allow-removals"])
            #expect(allowed.status == 0, "\(allowed.standardError)")
            #expect(try await fixture.managed(fixture.mailboxes[0]).count == people - 2)

            await fixture.control.setFault(
                FaultRule(endpoint: "graph.users.delta", method: "GET", action: .htmlPage(500))
            )
            let failed = try await Self.m365sync(["run", "--config", config, "--job", "pc"])
            #expect(failed.status == 1)
            await fixture.control.clearFaults()

            let clear = try await Self.m365sync(["clear", "--config", config, "--job", "pc", "--yes", "--json"])
            #expect(clear.status == 0, "\(clear.standardError)")
            for mailbox in fixture.mailboxes { #expect(try await fixture.managed(mailbox).isEmpty) }
            #expect(try await fixture.handMadeUntouched())

            let unknown = try await Self.m365sync(["run", "--config", config, "--job", "nope"])
            #expect(unknown.status == 64)
            let missing = try await Self.m365sync(["run", "--config", config + "/absent"])
            #expect(missing.status == 78)
        }
    }

    @Test func clearGoesOnPastABrokenMailboxAndRemovesAnEmptyFolder() async throws {
        try await PersonalContactsFixture.with(target: nil) { fixture in
            let config = fixture.deployment.configurationPath
            let list = (fixture.mailboxes + ["ghost@nowhere.example"]).map { "\"\($0)\"" }.joined(separator: ", ")
            try fixture.writeJob("pc", target: #""mailboxes": [\#(list)], "folder": "Staff""#)
            let run = try await Self.m365sync(["run", "--config", config, "--job", "pc"])
            #expect(run.status == 1, "the ghost mailbox fails: \(run.standardError)")
            #expect(try await !fixture.managed(fixture.mailboxes[0]).isEmpty)

            let clear = try await Self.m365sync(["clear", "--config", config, "--job", "pc", "--yes", "--json"])
            #expect(clear.status == 1, "\(clear.standardError)")
            let report = try JSONDecoder().decode(RunReport.self, from: Data(clear.standardOutput.utf8))
            #expect(report.dryRun == false, "the real pass ran despite the broken mailbox")
            for mailbox in fixture.mailboxes { #expect(try await fixture.managed(mailbox).isEmpty) }

            // Nothing left to remove: --remove-folder still deletes the job's now empty folders.
            let folders = try await Self.m365sync([
                "clear", "--config", config, "--job", "pc", "--remove-folder", "--yes",
            ])
            #expect(folders.status == 1, "\(folders.standardError)")
            for mailbox in fixture.mailboxes {
                let names = try await fixture.control.contactFolders(inMailbox: mailbox).compactMap {
                    $0["displayName"]?.stringValue
                }
                #expect(!names.contains("Staff"), "\(mailbox): \(names)")
            }
        }
    }

    @Test func aTerminalShowsProgressAndAPipeDoesNot() async throws {
        try await PersonalContactsFixture.with(target: nil) { fixture in
            let config = fixture.deployment.configurationPath
            let binary = try BuiltProducts.executable("m365sync").path
            // script(1) gives the command a terminal; what it wrote there comes back on script's stdout.
            let command = "'\(binary)' plan --config '\(config)' --job pc"
            let onTerminal = try await BuiltProducts.runExecutable(
                URL(fileURLWithPath: "/usr/bin/script"),
                arguments: ["-qec", command, "/dev/null"]
            )
            #expect(onTerminal.status == 0, "\(onTerminal.standardOutput)")
            let total = fixture.mailboxes.count
            #expect(
                onTerminal.standardOutput.contains("pc: \(total)/\(total) targets"),
                "\(onTerminal.standardOutput)"
            )

            let piped = try await Self.m365sync(["plan", "--config", config, "--job", "pc"])
            #expect(piped.status == 0)
            #expect(!piped.standardError.contains("targets"), "no progress line without a terminal")
        }
    }

    @Test func demoShowsTheNextRunsChangesAndExitsZero() async throws {
        let demo = try await Self.m365sync(["demo"])
        #expect(demo.status == 0, "\(demo.standardError)")
        let output = demo.standardOutput
        #expect(output.contains("Ada Newhire") && output.contains("Miriam Robbins"))
        for action in ["add     Ada Newhire", "update  Miriam Robbins", "remove "] { #expect(output.contains(action)) }
        #expect(output.contains("1 add, 1 update, 1 remove"))
        // The tenant-to-tenant job: the same people as mail contacts in the second tenant.
        #expect(output.contains("job wingtip-in-woodgrove (mailContacts): succeeded"))
        for action in ["add     Ada Newhire (Wingtip)", "update  Miriam Robbins (Wingtip)", "remove "] {
            #expect(output.contains(action))
        }
        #expect(output.contains("woodgrove: 0 add, 0 update, 0 remove, 21 unchanged"))
    }
}
