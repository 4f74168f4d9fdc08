import M365Logging
import Testing

@Suite struct AuditEventTests {
    @Test func messageIDsAreDistinct32HexDigits() {
        let ids = AuditEvent.allCases.map(\.messageID)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 32)
            #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }
}
