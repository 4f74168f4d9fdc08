import M365Core
import Testing

/// Values of megabytes where a short word is expected: bounded work, and errors that quote an excerpt.
@Suite(.timeLimit(.minutes(1)))
struct HugeValueErrorTests {
    static let size = 5_000_000
    static let huge = String(repeating: "u", count: size)

    @Test func aHugeMemberTypeIsQuotedAsAnExcerpt() throws {
        let result = decodeJob(
            #"{"kind": "personalContacts", "source": {"tenant": "contoso", "memberTypes": ["\#(Self.huge)"]}, "target": {"allLicensedUsers": true}}"#
        )
        let issue = try #require(error(at: ".source.memberTypes[0]", in: result.issues))
        #expect(issue.message.hasPrefix("expected one of \"member\""))
        #expect(issue.message.hasSuffix("…\" (\(Self.size) bytes)"))
        #expect(issue.description.utf8.count < 300, "the whole value is not printed back")
    }

    @Test func aHugeUnknownKeyIsQuotedAsAnExcerptInItsPathAndMessage() throws {
        let result = decodeJob(
            #"{"kind": "personalContacts", "\#(Self.huge)": 1, "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#
        )
        let issue = try #require(result.issues.first { $0.message.hasPrefix("unknown key") })
        #expect(issue.path.hasSuffix("…"))
        #expect(issue.message.contains("(\(Self.size) bytes)"))
        #expect(issue.description.utf8.count < 1_000, "the key is not printed back: \(issue.description.prefix(200))")
    }

    @Test func aHugeQuotedKeyAndAHugeNumberAreQuotedAsExcerpts() throws {
        let spaced = String(repeating: "a b ", count: Self.size / 4)
        let digits = String(repeating: "9", count: Self.size)
        let result = decodeJob(
            #"{"kind": "personalContacts", "\#(spaced)": 1, "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true, "maxConcurrentMailboxes": \#(digits)}}"#
        )
        #expect(!result.issues.isEmpty)
        for issue in result.issues {
            #expect(issue.description.utf8.count < 1_000, "\(issue.description.prefix(200))")
        }
    }

    @Test func shortValuesAreStillQuotedWhole() throws {
        let result = decodeJob(
            #"{"kind": "personalContacts", "source": {"tenant": "contoso", "memberTypes": ["membr"]}, "target": {"allLicensedUsers": true}}"#
        )
        let issue = try #require(error(at: ".source.memberTypes[0]", in: result.issues))
        #expect(issue.message.contains("found \"membr\"; did you mean \"member\"?"))
    }
}
