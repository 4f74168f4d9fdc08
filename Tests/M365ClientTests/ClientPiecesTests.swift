import Foundation
import M365Core
import M365Primitives
import Testing

@testable import M365Client

@Suite struct URLBuilderTests {
    @Test func queryValuesAreEscapedButODataStaysReadable() {
        let url = URLBuilder.url(
            "https://graph.example/v1.0/",
            "/users",
            query: [("$select", "id,displayName"), ("$filter", "displayName eq 'Zoë & Co'")]
        )
        #expect(
            url
                == "https://graph.example/v1.0/users?$select=id,displayName&$filter=displayName%20eq%20'Zo%C3%AB%20%26%20Co'"
        )
    }

    @Test func pathSegmentsKeepAtButEscapeSlashAndPlus() {
        #expect(URLBuilder.segment("alice@contoso.com") == "alice@contoso.com")
        #expect(URLBuilder.segment("AAMk/abc+d=") == "AAMk%2Fabc%2Bd%3D")
    }

    @Test func formEncodingEscapesEverythingReserved() {
        #expect(URLBuilder.form([("client_secret", "a+b/c=d&e f~")]) == "client_secret=a%2Bb%2Fc%3Dd%26e%20f~")
    }

    @Test func selectAlwaysHasIdOnce() {
        #expect(GraphClient.selectList(["displayName", "id", "mail"]) == "id,displayName,mail")
    }
}

@Suite struct TokenLifetimeTests {
    @Test func tokensAreReusedUntilShortlyBeforeExpiry() {
        #expect(TokenProvider.reuseTime(lifetime: 3599) == 3299)
        #expect(TokenProvider.reuseTime(lifetime: 60) == 54)
        #expect(TokenProvider.reuseTime(lifetime: 0) == 0)
        #expect(TokenProvider.seconds(.string("3599")) == 3599)
        #expect(TokenProvider.seconds(.number(10)) == 10)
        #expect(TokenProvider.aadstsCode("AADSTS7000215: Invalid client secret provided.") == "AADSTS7000215")
    }
}

@Suite struct MailboxLimiterTests {
    @Test func neverMoreThanTheLimitAtOnce() async {
        let limiter = MailboxLimiter(limit: 4)
        let counter = ConcurrencyCounter()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<60 {
                group.addTask {
                    let slots = index % 3 == 0 ? 4 : 1
                    await limiter.acquire("Alice@Contoso.com", slots: slots)
                    await counter.enter(slots)
                    await Task.yield()
                    await counter.leave(slots)
                    await limiter.release("alice@contoso.com", slots: slots)
                }
            }
        }
        #expect(await counter.peak <= 4)
        #expect(await counter.peak >= 1)
        #expect(await limiter.peakSlots("ALICE@contoso.com") == 4)
    }

    @Test func mailboxesAreIndependent() async {
        let limiter = MailboxLimiter(limit: 4)
        await limiter.acquire("a", slots: 4)
        await limiter.acquire("b", slots: 4)
        await limiter.release("a", slots: 4)
        await limiter.release("b", slots: 4)
        #expect(await limiter.peakSlots("a") == 4)
    }
}

actor ConcurrencyCounter {
    private(set) var current = 0
    private(set) var peak = 0

    func enter(_ slots: Int) {
        current += slots
        peak = max(peak, current)
    }

    func leave(_ slots: Int) { current -= slots }
}

@Suite struct ErrorTextTests {
    @Test func descriptionNamesStatusCodeAndIdsButNoPayload() {
        let error = M365Error.http(
            status: 404,
            serviceCode: "ErrorItemNotFound",
            message: "The specified object was not found in the store.",
            context: .init(operation: "graph.contact", clientRequestId: "c-1", requestId: "r-1")
        )
        #expect(error.kind == .notFound)
        #expect(error.name == "notFound")
        #expect(error.description.contains("404"))
        #expect(error.description.contains("ErrorItemNotFound"))
        #expect(error.description.contains("r-1"))
        #expect(error.description.contains("c-1"))
    }
}
