import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Token endpoint")
struct TokenEndpointTests {
    private func assertion(_ sim: SimSetup, _ fields: [(String, String)]) async throws -> HTTPResult {
        try await TestHTTP.form(sim.tokenURL, fields)
    }

    private func certificateRequest(_ sim: SimSetup, _ jwt: String, url: String? = nil) async throws -> HTTPResult {
        try await TestHTTP.form(
            url ?? sim.tokenURL,
            [
                ("client_id", sim.app.clientId), ("grant_type", "client_credentials"), ("scope", SimSetup.graphScope),
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ("client_assertion", jwt),
            ]
        )
    }

    @Test func secretGivesBearerTokenShapedLikeTheFixture() async throws {
        try await withSimulator { sim in
            let result = try await assertion(
                sim,
                [
                    ("client_id", sim.app.clientId), ("client_secret", sim.app.clientSecret),
                    ("grant_type", "client_credentials"), ("scope", SimSetup.graphScope),
                ]
            )
            #expect(result.status == 200)
            #expect(Fixtures.shapeMismatches(result.json, try Fixtures.load("identity/token-success.json")) == [])
            #expect(result.json["token_type"] == "Bearer")
            #expect(result.json["expires_in"]?.intValue == 3599)
        }
    }

    @Test func tenantDomainWorksInThePath() async throws {
        try await withSimulator { sim in
            let result = try await TestHTTP.form(
                "\(sim.base)/\(sim.tenant.domain)/oauth2/v2.0/token",
                [
                    ("client_id", sim.app.clientId), ("client_secret", sim.app.clientSecret),
                    ("grant_type", "client_credentials"), ("scope", SimSetup.exchangeScope),
                ]
            )
            #expect(result.status == 200)
        }
    }

    @Test func errorsHaveTheAADSTSShape() async throws {
        try await withSimulator { sim in
            let fixture = try Fixtures.load("identity/token-error-invalid-scope.json")
            let badScope = try await assertion(
                sim,
                [
                    ("client_id", sim.app.clientId), ("client_secret", sim.app.clientSecret),
                    ("grant_type", "client_credentials"), ("scope", "https://foo.microsoft.com/.default"),
                ]
            )
            #expect(badScope.status == 400)
            #expect(badScope.json["error"] == "invalid_scope")
            #expect(badScope.json["error_codes"] == [70011])
            #expect(Fixtures.shapeMismatches(badScope.json, fixture) == [])
            #expect(badScope.json["error_description"]?.stringValue?.hasPrefix("AADSTS70011:") == true)

            let mixed = try await assertion(
                sim,
                [
                    ("client_id", sim.app.clientId), ("client_secret", sim.app.clientSecret),
                    ("grant_type", "client_credentials"), ("scope", "\(SimSetup.graphScope) \(SimSetup.exchangeScope)"),
                ]
            )
            #expect(mixed.status == 400)
            #expect(mixed.json["error"] == "invalid_scope")

            let wrongSecret = try await assertion(
                sim,
                [
                    ("client_id", sim.app.clientId), ("client_secret", "nope"), ("grant_type", "client_credentials"),
                    ("scope", SimSetup.graphScope),
                ]
            )
            #expect(wrongSecret.status == 401)
            #expect(wrongSecret.json["error"] == "invalid_client")
            #expect(wrongSecret.json["error_codes"] == [7000215])

            let unknownTenant = try await TestHTTP.form(
                "\(sim.base)/nowhere.onmicrosoft.com/oauth2/v2.0/token",
                [
                    ("client_id", sim.app.clientId), ("client_secret", sim.app.clientSecret),
                    ("grant_type", "client_credentials"), ("scope", SimSetup.graphScope),
                ]
            )
            #expect(unknownTenant.status == 400)
            #expect(unknownTenant.json["error_codes"] == [90002])

            let unknownApp = try await assertion(
                sim,
                [
                    ("client_id", UUID().uuidString.lowercased()), ("client_secret", "x"),
                    ("grant_type", "client_credentials"), ("scope", SimSetup.graphScope),
                ]
            )
            #expect(unknownApp.json["error"] == "unauthorized_client")
        }
    }

    @Test(arguments: [AssertionBuilder.Algorithm.ps256, .rs256])
    func certificateAssertionIsAccepted(algorithm: AssertionBuilder.Algorithm) async throws {
        try await withSimulator { sim in
            let jwt = try AssertionBuilder.make(app: sim.app, tokenURL: sim.tokenURL, algorithm: algorithm)
            let result = try await certificateRequest(sim, jwt)
            #expect(result.status == 200, "\(result.text)")
            // The real host's token URL is an accepted audience as well.
            let real = try AssertionBuilder.make(
                app: sim.app,
                tokenURL: "https://login.microsoftonline.com/\(sim.tenant.domain)/oauth2/v2.0/token",
                algorithm: algorithm
            )
            #expect(try await certificateRequest(sim, real).status == 200)
        }
    }

    @Test func badAssertionsAreRefused() async throws {
        try await withSimulator { sim in
            let good = try AssertionBuilder.make(app: sim.app, tokenURL: sim.tokenURL)
            var parts = good.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            let badSignature = try await certificateRequest(sim, parts.joined(separator: "."))
            #expect(badSignature.status == 401)
            #expect(badSignature.json["error_codes"] == [700027])

            let wrongAudience = try await certificateRequest(
                sim,
                try AssertionBuilder.make(app: sim.app, tokenURL: sim.tokenURL, audience: "https://example.com/token")
            )
            #expect(wrongAudience.status == 401)
            #expect(wrongAudience.json["error"] == "invalid_client")

            let expired = try await certificateRequest(
                sim,
                try AssertionBuilder.make(
                    app: sim.app,
                    tokenURL: sim.tokenURL,
                    issuedAt: Date().addingTimeInterval(-3_600)
                )
            )
            #expect(expired.status == 401)
            #expect(expired.json["error_codes"] == [700024])

            let other = try await sim.control.registerApp(tenantId: sim.tenant.tenantId)
            var foreign = other
            foreign.clientId = sim.app.clientId
            let otherKey = try await certificateRequest(
                sim,
                try AssertionBuilder.make(app: foreign, tokenURL: sim.tokenURL)
            )
            #expect(otherKey.status == 401)
            #expect(otherKey.json["error_codes"] == [700027])
        }
    }

    @Test func accessTokensExpireAndCarryTheirAudience() async throws {
        try await withSimulator { sim in
            await sim.control.setTokenLifetime(60)
            let token = try await sim.token()
            #expect(try await sim.graph("/users?$top=1", token: token).status == 200)

            let exchangeToken = try await sim.token(scope: SimSetup.exchangeScope)
            let wrongResource = try await sim.graph("/users?$top=1", token: exchangeToken)
            #expect(wrongResource.status == 401)
            #expect(wrongResource.json["error"]?["code"] == "InvalidAuthenticationToken")

            let missing = try await TestHTTP.send("GET", "\(sim.base)/v1.0/users")
            #expect(missing.status == 401)
            #expect(missing.json["error"]?["message"] == "Access token is empty.")

            await sim.control.advanceClock(by: 61)
            let expired = try await sim.graph("/users?$top=1", token: token)
            #expect(expired.status == 401)
            #expect(expired.json["error"]?["code"] == "InvalidAuthenticationToken")
            #expect(expired.json["error"]?["message"]?.stringValue?.contains("expired") == true)
            #expect(try await sim.exchange("Get-MailContact", token: exchangeToken).status == 401)
        }
    }
}
