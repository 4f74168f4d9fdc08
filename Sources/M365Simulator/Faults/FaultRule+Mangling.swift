import Foundation
import HTTPTypes
import M365Primitives

/// Damages response bodies the way broken proxies, truncated transfers and service bugs do.
extension FaultRule.Mangling {
    func apply(to response: SimResponse) -> SimResponse {
        var damaged = response
        damaged.head.status = .ok
        switch self {
        case .truncated:
            damaged.body = Array(response.body.prefix(max(1, response.body.count / 2)))
        case .notJSON:
            damaged.body = Array("<<not json>> \u{0}\u{1} {\"value\": [".utf8)
        case .wrongShape:
            damaged.body = Array(#"{"value": {"id": 12, "displayName": ["x"]}, "@odata.nextLink": 7, "d": []}"#.utf8)
        case .empty:
            damaged.body = []
        case .hugeValue:
            // The same data, plus a member whose value is a megabyte long.
            let huge =
                Array(#""m365simPadding": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 1 << 20)
                + Array(#"","#.utf8)
            if response.body.first == UInt8(ascii: "{"), response.body.count > 2 {
                damaged.body = [UInt8(ascii: "{")] + huge + response.body.dropFirst()
            } else {
                damaged.body = [UInt8(ascii: "{")] + huge.dropLast() + [UInt8(ascii: "}")]
            }
        case .htmlContentType:
            damaged.headers[.contentType] = "text/html"
            damaged.body = Array("<html><body>Service Unavailable</body></html>".utf8)
        case .idRemoved:
            damaged.body = Self.withoutFirstId(response.body)
        }
        if self != .htmlContentType, damaged.headers[.contentType] == nil {
            damaged.headers[.contentType] = "application/json"
        }
        return damaged
    }

    /// The body with the `id` of its first `value` entry removed; other bodies as they were.
    private static func withoutFirstId(_ body: [UInt8]) -> [UInt8] {
        guard var object = (try? JSONValue(decoding: Data(body)))?.objectValue,
            var entries = object["value"]?.arrayValue, var first = entries.first?.objectValue
        else { return body }
        first["id"] = nil
        entries[0] = .object(first)
        object["value"] = .array(entries)
        return Array((try? JSONEncoder().encode(JSONValue.object(object))) ?? Data(body))
    }
}
