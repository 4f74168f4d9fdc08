import M365Primitives

/// Formats simulated times the way Graph and the identity platform print them.
enum SimTime {
    /// `2017-09-04T15:54:01Z`.
    static func iso8601(_ seconds: Int64) -> String {
        Timestamp(secondsSince1970: seconds).layout()
    }

    /// `2020-08-18T12:51:51` (Graph's innerError date has no zone).
    static func innerErrorDate(_ seconds: Int64) -> String {
        Timestamp(secondsSince1970: seconds).layout(zone: "")
    }

    /// `2016-01-09 02:02:12Z` (identity platform error timestamp).
    static func aadTimestamp(_ seconds: Int64) -> String {
        Timestamp(secondsSince1970: seconds).layout(dateTimeSeparator: " ")
    }
}
