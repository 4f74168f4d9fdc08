import Foundation
import Logging
import M365Core
import M365Logging
import M365TestSupport
import Testing

@Suite struct RedactionTests {
    static let fakeJWT =
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLWJ5dGVz"
    static let fakeSecret = "Qx8~fakeSecretValue.9uVw"

    @Test(arguments: [
        "client_secret", "clientSecret", "Authorization", "access_token", "refreshToken", "client_assertion",
        "password", "private-key", "x-api-key", "SET-COOKIE", "clé_secret", "TO\u{212A}EN",
    ])
    func sensitiveKeysAreMaskedWhatever(key: String) {
        #expect(LogRedactor.redact(key: key, value: "harmless-looking") == LogRedactor.mask)
    }

    @Test(arguments: ["job", "target", "source_id", "displayName", "mail", "status", "Zoë"])
    func ordinaryKeysKeepTheirValues(key: String) {
        #expect(LogRedactor.redact(key: key, value: "alice@contoso.com") == "alice@contoso.com")
    }

    @Test func tokensInsideTextAreMasked() {
        let cases = [
            "Authorization: Bearer \(Self.fakeJWT)",
            "bearer abc.def-ghi",
            "token \(Self.fakeJWT) expired",
            "grant_type=client_credentials&client_secret=\(Self.fakeSecret)&scope=x",
            #"{"access_token":"\#(Self.fakeSecret)","expires_in":3599}"#,
            "password: \(Self.fakeSecret)",
            "Zoë Müller's PASSWORD=\(Self.fakeSecret)",
        ]
        for text in cases {
            let redacted = LogRedactor.redact(text: text)
            #expect(!redacted.contains(Self.fakeJWT), "\(redacted)")
            #expect(!redacted.contains(Self.fakeSecret), "\(redacted)")
            #expect(!redacted.contains("abc.def-ghi"), "\(redacted)")
            #expect(redacted.contains(LogRedactor.mask), "\(redacted)")
        }
    }

    @Test func ordinaryTextIsUntouched() {
        for text in ["Contact added for alice@contoso.com (job sales, 3 fields)", "Zoë Müller (Straße 5)"] {
            #expect(LogRedactor.redact(text: text) == text)
        }
    }

    @Test func secretsReachNoBackend() async throws {
        try #require(JournalReader.isAvailable, "a running systemd-journald is needed (make test starts one)")
        let fixture = try LoggingFixture(
            journald: LogBackendSettings(enabled: true, level: .trace),
            file: FileLogSettings(enabled: true, level: .trace),
            stderr: LogBackendSettings(enabled: true, level: .trace)
        )
        var logger = fixture.logger()
        logger[metadataKey: "client_secret"] = .string(Self.fakeSecret)
        logger.info(
            "Token request failed: Bearer \(Self.fakeJWT)",
            metadata: [
                "access_token": .string(Self.fakeJWT),
                "body": .string("client_secret=\(Self.fakeSecret)&grant_type=client_credentials"),
                "headers": .dictionary(["Authorization": .string("Bearer \(Self.fakeJWT)")]),
                "response": .string(#"{"token_type":"Bearer","access_token":"\#(Self.fakeJWT)"}"#),
                "marker": "redaction",
            ]
        )
        logger.audit(.runFailed, metadata: ["error": .string("assertion \(Self.fakeJWT) was rejected")])

        let entries = try await fixture.journalEntries(count: 2)
        #expect(entries.count == 2)
        let journalText = entries.map(\.description).joined(separator: "\n")
        let fileText = try fixture.fileText()
        let stderrText = try fixture.stderrText()
        for (backend, text) in [("journal", journalText), ("file", fileText), ("stderr", stderrText)] {
            #expect(text.contains("redaction"), "\(backend) has the entry")
            #expect(!text.contains(Self.fakeSecret), "\(backend) leaks the secret")
            #expect(!text.contains(Self.fakeJWT), "\(backend) leaks the token")
            #expect(!text.contains("c2lnbmF0dXJlLWJ5dGVz"), "\(backend) leaks the token's signature")
        }
        #expect(try await journalctlOutput(testID: fixture.testID).contains(fixture.testID))
        #expect(!(try await journalctlOutput(testID: fixture.testID).contains(Self.fakeSecret)))
    }

    /// The raw verbose journal output, grepped as an admin would.
    private func journalctlOutput(testID: String) async throws -> String {
        try await BuiltProducts.runExecutable(
            URL(fileURLWithPath: "/usr/bin/journalctl"),
            arguments: ["-o", "verbose", "--all", "--no-pager", "M365SYNC_TEST_ID=\(testID)"]
        ).standardOutput
    }
}
