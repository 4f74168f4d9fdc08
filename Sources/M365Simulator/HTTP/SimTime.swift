/// Formats simulated times the way Graph and the identity platform print them.
enum SimTime {
    /// `2017-09-04T15:54:01Z`.
    static func iso8601(_ seconds: Int64) -> String {
        let (date, time) = parts(seconds)
        return "\(date)T\(time)Z"
    }

    /// `2020-08-18T12:51:51` (Graph's innerError date has no zone).
    static func innerErrorDate(_ seconds: Int64) -> String {
        let (date, time) = parts(seconds)
        return "\(date)T\(time)"
    }

    /// `2016-01-09 02:02:12Z` (identity platform error timestamp).
    static func aadTimestamp(_ seconds: Int64) -> String {
        let (date, time) = parts(seconds)
        return "\(date) \(time)Z"
    }

    private static func parts(_ seconds: Int64) -> (String, String) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { String(value).leftPadded(to: 2) }
        let date = "\(String(year).leftPadded(to: 4))-\(two(month))-\(two(day))"
        let time = "\(two(secondOfDay / 3_600)):\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60))"
        return (date, time)
    }
}
