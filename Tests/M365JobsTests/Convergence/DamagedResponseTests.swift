import Foundation
import M365Core
import M365Simulator
import M365TestSupport
import Testing

/// Responses damaged on every endpoint the jobs read or write (a generated corpus: truncated, not JSON, another
/// shape, empty, a megabyte value, HTML): no crash or hang, no removal of an eligible person's contact, no write
/// at all after a damaged source read, and the next runs converge.
@Suite("Damaged responses")
struct DamagedResponseTests {
    static let personalEndpoints: [WriteMatcher] = [
        WriteMatcher(endpoint: "token", kind: "token"),
        WriteMatcher(endpoint: "graph.users.delta", kind: "graph.usersDelta"),
        WriteMatcher(endpoint: "graph.mailbox.folders", method: "GET", kind: "graph.contactFolders"),
        WriteMatcher(endpoint: "graph.mailbox.contacts", method: "GET", kind: "graph.contacts"),
        WriteMatcher(endpoint: "graph.mailbox.contacts.delta", method: "GET", kind: "graph.contactsDelta"),
        WriteMatcher(endpoint: "graph.batch", kind: "graph.batch"),
    ]

    static let exchangeEndpoints: [WriteMatcher] = [
        WriteMatcher(endpoint: "exchange.invoke", cmdlet: "Get-MailContact", kind: "exchange.Get-MailContact"),
        WriteMatcher(endpoint: "exchange.invoke", cmdlet: "Get-Contact", kind: "exchange.Get-Contact"),
        WriteMatcher(endpoint: "exchange.invoke", cmdlet: "Set-Contact", kind: "exchange.Set-Contact"),
    ]

    static let safety = #""maxRemove": 3, "maxRemovePercent": 20"#

    @Test(arguments: personalEndpoints, FaultRule.Mangling.allCases)
    func personalContacts(endpoint: WriteMatcher, mangling: FaultRule.Mangling) async throws {
        try await PersonalContactsFixture.with(mailboxes: 1, target: nil) { fixture in
            let mailbox = fixture.mailboxes[0]
            try fixture.writeJob(
                "pc",
                target: #""mailboxes": ["\#(mailbox)"], "folder": "Directory""#,
                safety: Self.safety
            )
            let first = try await fixture.run()
            #expect(first.status == .succeeded)
            // A new hire, so the damaged run has something to write.
            let hire = try await fixture.control.users(tenantId: fixture.tenant).first { $0.id != mailbox }
            try await fixture.control.updateUser(tenantId: fixture.tenant, try #require(hire).id) {
                $0.jobTitle = "Fuzzed"
            }
            let before = Set(
                try await fixture.managed(mailbox).compactMap(PersonalContactsOwnerEditsTests.sourceId(of:))
            )
            await fixture.control.clearRequestLog()
            await fixture.control.setFault(endpoint.rule(.mangledBody(mangling)))

            let damaged = try await fixture.run()
            await fixture.control.clearFaults()
            let after = Set(
                try await fixture.managed(mailbox).compactMap(PersonalContactsOwnerEditsTests.sourceId(of:))
            )
            #expect(before.isSubset(of: after), "no eligible person lost a contact: \(before.subtracting(after))")
            // A source page with an object it cannot key is an incomplete read, not a failed one: it removes
            // nothing (checked above) and writes what it can.
            if endpoint.endpoint == "graph.users.delta" && mangling != .hugeValue && mangling != .idRemoved {
                #expect(damaged.status == .failed, "\(damaged)")
                #expect(
                    await fixture.deployment.writeRequests().isEmpty,
                    "nothing is written after a damaged source read"
                )
            }
            try await expectRepaired { try await fixture.run() }
        }
    }

    @Test(arguments: exchangeEndpoints, FaultRule.Mangling.allCases)
    func mailContacts(endpoint: WriteMatcher, mangling: FaultRule.Mangling) async throws {
        try await MailContactsFixture.with(safety: Self.safety) { (fixture: MailContactsFixture) async throws in
            let first = await fixture.run()
            #expect(first.status == .succeeded)
            let newcomer = try #require(try await fixture.members().first)
            try await fixture.control.updateUser(tenantId: fixture.source, newcomer.id) { $0.jobTitle = "Fuzzed" }
            let before = Set(try await fixture.targetContacts().compactMap { $0.fields["CustomAttribute15"] })
            await fixture.control.setFault(endpoint.rule(.mangledBody(mangling)))

            _ = await fixture.run()
            await fixture.control.clearFaults()
            let after = Set(try await fixture.targetContacts().compactMap { $0.fields["CustomAttribute15"] })
            #expect(before.isSubset(of: after), "no eligible person lost a contact: \(before.subtracting(after))")
            try await expectRepaired { await fixture.run() }
            try await fixture.expectConverged()
        }
    }

    /// With the damage gone, one run succeeds and the next writes nothing.
    private func expectRepaired(
        _ run: () async throws -> JobReport,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let repair = try await run()
        #expect(repair.status == .succeeded, "\(repair)", sourceLocation: sourceLocation)
        let quiet = try await run()
        #expect(quiet.totals.add + quiet.totals.update + quiet.totals.remove == 0, sourceLocation: sourceLocation)
    }
}

extension WriteMatcher: CustomTestStringConvertible {
    var testDescription: String { cmdlet ?? "\(method.map { $0 + " " } ?? "")\(endpoint)" }

    /// The first matching top-level request gets `action`.
    func rule(_ action: FaultRule.Action) -> FaultRule {
        FaultRule(endpoint: endpoint, method: method, cmdlet: cmdlet, action: action, limit: 1, insideBatch: false)
    }
}
