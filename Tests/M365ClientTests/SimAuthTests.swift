import Foundation
import Logging
import M365Client
import M365Core
import M365Primitives
import M365Simulator
import Testing

@Suite struct SimAuthTests {
    @Test func secretOverHTTPSWithCAFile() async throws {
        try await SimHarness.with(tls: true) { h in
            #expect(h.sim.baseURL.hasPrefix("https://"))
            let client = try h.client()
            let users = try await client.graph.listUsers(select: ["displayName"])
            #expect(users.count == 60)
            #expect(await h.log("token").map(\.status) == [200])
        }
    }

    @Test(arguments: AssertionAlgorithm.allCases)
    func certificateOverHTTPSWithCAFile(algorithm: AssertionAlgorithm) async throws {
        try await SimHarness.with(tls: true) { h in
            let client = try h.client(credential: .certificate(algorithm))
            let contacts = try await client.graph.listOrgContacts(select: ["mail"])
            #expect(contacts.count == 10)
            let rows = try await client.exchange.invoke(
                cmdlet: "Get-MailContact",
                parameters: ["ResultSize": .string("Unlimited")]
            )
            #expect(rows.isEmpty)
            #expect(await h.log("token").map(\.status) == [200, 200])
        }
    }

    @Test func wrongSecretIsAnAuthenticationErrorWithoutTheSecret() async throws {
        try await SimHarness.with { h in
            var configuration = try h.tenantConfiguration(credential: .secret, secret: "wrong-secret-123")
            configuration.caFile = nil
            let client = M365Client(tenant: configuration, transport: h.transport, logger: .init(label: "test"))
            do {
                _ = try await client.graph.listUsers(select: [])
                Issue.record("expected an error")
            } catch let error as M365Error {
                #expect(error.kind == .authentication)
                #expect(error.serviceCode?.hasPrefix("AADSTS") == true)
                #expect(!error.description.contains("wrong-secret-123"))
            }
        }
    }

    @Test func tokenExpiringMidRunIsRefreshedOnce() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            _ = try await client.graph.listOrgContacts(select: [])
            // The service's clock moves past the token's lifetime; the client's cache still holds it.
            await h.sim.control.advanceClock(by: 4000)
            _ = try await client.graph.listOrgContacts(select: [])
            #expect(await h.log("token").count == 2)
            #expect(await h.log("graph.orgcontacts").map(\.status) == [200, 401, 200])
            #expect(client.metrics.snapshot().byKindAndStatus["graph.orgContacts 401"] == 1)
        }
    }

    @Test func shortTokenLifetimeIsRenewedBeforeUse() async throws {
        try await SimHarness.with { h in
            await h.sim.control.setTokenLifetime(60)
            let client = try h.client()
            _ = try await client.graph.listOrgContacts(select: [])
            // Both clocks pass the reuse time (54 s) but not the expiry: renewed without a 401.
            h.sleeper.advance(by: 55)
            await h.sim.control.advanceClock(by: 55)
            _ = try await client.graph.listOrgContacts(select: [])
            #expect(await h.log("token").count == 2)
            #expect(await h.log("graph.orgcontacts").map(\.status) == [200, 200])
        }
    }

    @Test func httpsWithoutCAFileIsRefused() async throws {
        try await SimHarness.with(tls: true) { h in
            var configuration = try h.tenantConfiguration()
            configuration.caFile = nil
            let client = M365Client(tenant: configuration, transport: h.transport, logger: .init(label: "test"))
            do {
                _ = try await client.graph.listUsers(select: [])
                Issue.record("expected a TLS error")
            } catch let error as M365Error {
                #expect(error.kind == .transport)
            }
        }
    }
}
