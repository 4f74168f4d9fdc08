import M365Primitives
import Testing

@testable import M365Simulator

@Suite("Parsers and ids")
struct ParsingTests {
    @Test func odataFilters() throws {
        let user: [String: FilterOperand] = [
            "displayName": .scalar(.string("Zoë Müller")), "accountEnabled": .scalar(.bool(true)),
            "userType": .scalar(.string("Member")),
            "assignedLicenses": .collection([["skuId": .string("a")]]),
        ]
        func eval(_ text: String) throws -> Bool {
            try FilterExpression.parse(text).evaluate { user[$0] ?? .unknown }
        }
        #expect(try eval("accountEnabled eq true and userType eq 'member'"))
        #expect(try eval("startswith(displayName,'zoë')"))
        #expect(try !eval("not(accountEnabled eq true)"))
        #expect(try eval("assignedLicenses/$count ne 0"))
        #expect(try eval("userType in ('Guest','Member')"))
        #expect(try eval("assignedLicenses/any(x:x/skuId eq 'a')"))
        #expect(try FilterExpression.parse("assignedLicenses/$count ne 0").isAdvanced)
        #expect(try !FilterExpression.parse("userType eq 'Guest'").isAdvanced)
        #expect(throws: FilterParseError.self) { try FilterExpression.parse("displayName eq") }
        #expect(try FilterExpression.parse("displayName eq 'O''Brien'").evaluate { _ in .scalar(.string("O'Brien")) })
    }

    @Test func opathFilters() throws {
        let values: [String: [String]] = [
            "CustomAttribute15": ["m365sync:job:people"], "PrimarySmtpAddress": ["a@b.com"],
        ]
        func eval(_ text: String) throws -> Bool { try OPathFilter.parse(text).evaluate { values[$0] ?? [] } }
        #expect(try eval("CustomAttribute15 -like 'm365sync:job:*'"))
        #expect(try eval("CustomAttribute15 -eq 'M365SYNC:JOB:PEOPLE'"))
        #expect(try eval("(PrimarySmtpAddress -eq \"a@b.com\") -and -not (CustomAttribute15 -eq $null)"))
        #expect(try !eval("CustomAttribute14 -ne $null"))
        #expect(throws: FilterParseError.self) { try OPathFilter.parse("CustomAttribute15 -eq") }
    }

    @Test func itemIdsRoundTripAndLookLikeGraph() {
        var random = SeededRandom(seed: 3)
        let owner = random.guid()
        let id = GraphIDs.itemID(kind: .contact, owner: owner, seq: 123_456)
        #expect(id.count > 80)
        #expect(id.hasPrefix("AAMk"))
        let parsed = GraphIDs.parseItemID(id)
        #expect(parsed?.owner == owner)
        #expect(parsed?.seq == 123_456)
        #expect(parsed?.kind == .contact)
        #expect(GraphIDs.parseItemID("AAMkAGVmMDEzMTM4") == nil)
        #expect(GraphIDs.isGUID(owner))
    }

    @Test func seededRandomIsDeterministic() {
        var a = SeededRandom(seed: 99)
        var b = SeededRandom(seed: 99)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
        #expect(a.guid() == b.guid())
    }

    @Test func timesFormatLikeTheServices() {
        #expect(SimTime.iso8601(1_484_593_341) == "2017-01-16T19:02:21Z")
        #expect(SimTime.aadTimestamp(0) == "1970-01-01 00:00:00Z")
        #expect(SimTime.innerErrorDate(951_782_400) == "2000-02-29T00:00:00")
    }
}
