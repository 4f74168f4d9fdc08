import Foundation

/// The one way m365sync writes a point in time: the calendar fields of a `Date` in UTC (or shifted into a
/// time zone), then a layout. Every timestamp in logs, reports, file names and simulated payloads comes from here.
public struct Timestamp: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    /// The fields of `date` in UTC, or in `timeZone` when one is given.
    public init(_ date: Date, timeZone: TimeZone? = nil) {
        let offset = timeZone.map { Double($0.secondsFromGMT(for: date)) } ?? 0
        let interval = date.timeIntervalSince1970 + offset
        let whole = interval.rounded(.down)
        var seconds = time_t(whole)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        year = Int(parts.tm_year) + 1900
        month = Int(parts.tm_mon) + 1
        day = Int(parts.tm_mday)
        hour = Int(parts.tm_hour)
        minute = Int(parts.tm_min)
        second = Int(parts.tm_sec)
        millisecond = min(max(Int((interval - whole) * 1000), 0), 999)
    }

    /// The fields of a count of seconds since 1970-01-01 UTC.
    public init(secondsSince1970 seconds: Int64) {
        self.init(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `2026-11-29T09:41:01Z`, or `2026-11-29T09:41:01.123Z` with milliseconds (RFC 3339).
    public static func rfc3339(_ date: Date, milliseconds: Bool = false) -> String {
        Timestamp(date).layout(milliseconds: milliseconds)
    }

    /// The fields laid out with the given separators: `date` `T` `time` [`.mmm`] `zone`.
    public func layout(
        dateSeparator: String = "-",
        dateTimeSeparator: String = "T",
        timeSeparator: String = ":",
        milliseconds: Bool = false,
        zone: String = "Z"
    ) -> String {
        let date = [pad(year, 4), pad(month, 2), pad(day, 2)].joined(separator: dateSeparator)
        let time = [pad(hour, 2), pad(minute, 2), pad(second, 2)].joined(separator: timeSeparator)
        let fraction = milliseconds ? "." + pad(millisecond, 3) : ""
        return date + dateTimeSeparator + time + fraction + zone
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
