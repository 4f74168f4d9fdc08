import Foundation
import M365Primitives
import Testing

@Suite struct TimestampTests {
    // 2024-02-29T23:59:58.250Z: a leap day, late in the day, with a fraction.
    let leapDay = Date(timeIntervalSince1970: 1_709_251_198.25)

    @Test func rfc3339InUTCWithAndWithoutMilliseconds() {
        #expect(Timestamp.rfc3339(leapDay) == "2024-02-29T23:59:58Z")
        #expect(Timestamp.rfc3339(leapDay, milliseconds: true) == "2024-02-29T23:59:58.250Z")
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test func layoutsTakeTheirSeparators() {
        let stamp = Timestamp(leapDay)
        #expect(stamp.layout(dateSeparator: "", timeSeparator: "", milliseconds: true) == "20240229T235958.250Z")
        #expect(stamp.layout(dateTimeSeparator: " ") == "2024-02-29 23:59:58Z")
        #expect(stamp.layout(zone: "") == "2024-02-29T23:59:58")
    }

    @Test func aTimeZoneShiftsTheFieldsAcrossMidnight() throws {
        let oslo = try #require(TimeZone(identifier: "Europe/Oslo"))
        let stamp = Timestamp(leapDay, timeZone: oslo)
        #expect(stamp.layout(dateTimeSeparator: " ", zone: "") == "2024-03-01 00:59:58")
    }

    @Test func secondsSince1970AgreeWithDates() {
        #expect(Timestamp(secondsSince1970: 1_504_540_441).layout() == "2017-09-04T15:54:01Z")
        #expect(Timestamp(secondsSince1970: 951_782_400) == Timestamp(Date(timeIntervalSince1970: 951_782_400)))
    }

    @Test func agreesWithFoundationsFormatterOverManyInstants() {
        var random = SeededRandom(seed: 7)
        let style = Date.ISO8601FormatStyle(timeZone: .gmt)
        for _ in 0..<500 {
            let date = Date(timeIntervalSince1970: TimeInterval(random.below(4_102_444_800)))
            #expect(Timestamp.rfc3339(date) == date.formatted(style))
        }
    }
}
