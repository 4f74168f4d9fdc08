import Foundation
import HTTPTypes

/// An HTTP request as the simulator's handlers see it (also the inner requests of `$batch`): the head as
/// swift-http-types carries it, the body, and the target's path and query parsed once.
struct SimRequest: Sendable {
    var head: HTTPRequest
    var body: [UInt8]
    /// The path's segments, each percent-decoded.
    let segments: [String]
    /// Query parameters in order, percent-decoded.
    let query: [(name: String, value: String)]
    /// The raw query string (for opaque links).
    let rawQuery: String?

    init(head: HTTPRequest, body: [UInt8] = []) {
        self.head = head
        self.body = body
        let parts = (head.path ?? "/").split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        rawQuery = parts.count > 1 ? String(parts[1]) : nil
        segments = parts[0].split(separator: "/").map { Self.percentDecode($0, plusIsSpace: false) }
        query = Self.formFields(rawQuery ?? "")
    }

    /// A request for `target` (path and query), as a `$batch` item or a skiptoken's saved query names one.
    init(method: HTTPRequest.Method, target: String, headerFields: HTTPFields = [:], body: [UInt8] = []) {
        self.init(
            head: HTTPRequest(method: method, scheme: nil, authority: nil, path: target, headerFields: headerFields),
            body: body
        )
    }

    /// The method's name, upper case.
    var method: String { head.method.rawValue }

    /// The path without the query, its segments percent-decoded.
    var path: String { "/" + segments.joined(separator: "/") }

    /// The first query value named `name` (OData option names match case-insensitively).
    func queryValue(_ name: String) -> String? {
        query.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The header field `name` (any case), several values joined as HTTP joins them.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { head.headerFields[$0] }
    }

    /// The `odata.maxpagesize` preference, if sent.
    var maxPageSizePreference: Int? {
        guard let prefer = header("prefer") else { return nil }
        for part in prefer.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespacesAndNewlines)
            if item.lowercased().hasPrefix("odata.maxpagesize=") {
                return Int(item.dropFirst("odata.maxpagesize=".count).trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return nil
    }

    /// `application/x-www-form-urlencoded` fields (a query string or a token request's body), in order.
    static func formFields(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let field = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = field.count > 1 ? percentDecode(field[1], plusIsSpace: true) : ""
            return (percentDecode(field[0], plusIsSpace: true), value)
        }
    }

    /// `value` percent-decoded; a malformed escape stays as it was sent.
    private static func percentDecode(_ value: Substring, plusIsSpace: Bool) -> String {
        let text = plusIsSpace ? value.replacingOccurrences(of: "+", with: " ") : String(value)
        return text.removingPercentEncoding ?? text
    }
}
