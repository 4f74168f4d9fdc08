import Foundation
import M365Client
import M365Core
import M365Primitives
import M365Simulator
import Testing

@Suite struct SimExchangeTests {
    static func newContact(_ name: String) -> [String: JSONValue] {
        [
            "Name": .string(name), "ExternalEmailAddress": .string("\(name)@partner.example"),
            "DisplayName": .string(name),
        ]
    }

    @Test func pagingByRePostingAndAnnotationsStripped() async throws {
        try await SimHarness.with(seed: TenantSeed(seed: 2, users: 10, mailboxes: 1, mailContacts: 260)) { h in
            var options = M365ClientOptions()
            options.exchangePageSize = 100
            let client = try h.client(options: options)
            let rows = try await client.exchange.invoke(
                cmdlet: "Get-MailContact",
                parameters: ["ResultSize": .string("Unlimited")]
            )
            #expect(rows.count == 260)
            #expect(rows.allSatisfy { row in !row.keys.contains { $0.contains("@odata") } })
            let calls = await h.log("exchange.invoke")
            #expect(calls.count == 3)
            #expect(calls.allSatisfy { $0.status == 200 && $0.method == "POST" })
        }
    }

    @Test func createUpdateRemoveAndEachErrorClass() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let created = try await client.exchange.invoke(
                cmdlet: "New-MailContact",
                parameters: Self.newContact("Ada")
            )
            #expect(created.first?["Name"] == .string("Ada"))
            _ = try await client.exchange.invoke(
                cmdlet: "Set-MailContact",
                parameters: ["Identity": .string("Ada"), "CustomAttribute15": .string("m365sync:job:1")]
            )
            await #expect(throws: M365Error.self) {
                _ = try await client.exchange.invoke(cmdlet: "New-MailContact", parameters: Self.newContact("Ada"))
            }
            try await expectKind(.duplicateName) {
                _ = try await client.exchange.invoke(cmdlet: "New-MailContact", parameters: Self.newContact("Ada"))
            }
            try await expectKind(.notFound) {
                _ = try await client.exchange.invoke(
                    cmdlet: "Remove-MailContact",
                    parameters: ["Identity": .string("Nobody"), "Confirm": .bool(false)]
                )
            }
            try await expectKind(.unknownParameter) {
                _ = try await client.exchange.invoke(
                    cmdlet: "Set-MailContact",
                    parameters: ["Identity": .string("Ada"), "DomainController": .string("dc1")]
                )
            }
            _ = try await client.exchange.invoke(
                cmdlet: "Remove-MailContact",
                parameters: ["Identity": .string("Ada"), "Confirm": .bool(false)]
            )
            #expect(try await h.sim.control.mailContacts(tenantId: h.tenant.tenantId).isEmpty)

            try await h.sim.control.setAppPermissions(
                clientId: h.app.clientId,
                AppPermissions(graphRoles: [], exchangeManageAsApp: true, exchangeRecipientAdministrator: false)
            )
            try await expectKind(.accessDenied) {
                _ = try await client.exchange.invoke(cmdlet: "Get-MailContact", parameters: [:])
            }
        }
    }

    @Test func throttlingIsRetriedThenReported() async throws {
        try await SimHarness.with { h in
            var options = M365ClientOptions()
            options.retryPolicy.maxAttempts = 3
            let client = try h.client(options: options)
            await h.sim.control.setFault(
                FaultRule(endpoint: "exchange.invoke", action: .status(429, retryAfter: 0.01), limit: 2)
            )
            _ = try await client.exchange.invoke(cmdlet: "New-MailContact", parameters: Self.newContact("Bo"))
            #expect(try await h.sim.control.mailContacts(tenantId: h.tenant.tenantId).count == 1)
            await h.sim.control.setFault(FaultRule(endpoint: "exchange.invoke", action: .status(429, retryAfter: 0.01)))
            try await expectKind(.throttled) {
                _ = try await client.exchange.invoke(cmdlet: "Get-MailContact", parameters: [:])
            }
        }
    }
}

/// Expects `body` to throw an ``M365Error`` of `kind`.
func expectKind(
    _ kind: M365Error.Kind,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async throws {
    do {
        try await body()
        Issue.record("expected \(kind)", sourceLocation: sourceLocation)
    } catch let error as M365Error {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
    }
}
