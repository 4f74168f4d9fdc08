import Foundation

/// An HTTP request as the simulator's handlers see it (also used for the inner requests of `$batch`).
struct SimRequest: Sendable {
    var method: String
    /// The path without the query, percent-decoded per segment.
    var path: String
    var segments: [String]
    /// Query parameters in order, percent-decoded.
    var query: [(name: String, value: String)]
    /// The raw query string (for opaque links).
    var rawQuery: String?
    /// Header names in lower case.
    var headers: [String: String]
    var body: [UInt8]

    init(method: String, target: String, headers: [String: String], body: [UInt8]) {
        self.method = method.uppercased()
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(parts[0])
        self.rawQuery = parts.count > 1 ? String(parts[1]) : nil
        self.segments = rawPath.split(separator: "/").map { Self.percentDecode(String($0), plusIsSpace: false) }
        self.path = "/" + segments.joined(separator: "/")
        self.query = (rawQuery ?? "").split(separator: "&").compactMap { pair in
            guard !pair.isEmpty else { return nil }
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.percentDecode(String(kv[0]), plusIsSpace: true)
            let value = kv.count > 1 ? Self.percentDecode(String(kv[1]), plusIsSpace: true) : ""
            return (name, value)
        }
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    /// The first query value named `name` (OData option names match case-insensitively).
    func queryValue(_ name: String) -> String? {
        query.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The `odata.maxpagesize` preference, if sent.
    var maxPageSizePreference: Int? {
        guard let prefer = header("prefer") else { return nil }
        for part in prefer.split(separator: ",") {
            let item = part.trimmed()
            if item.lowercased().hasPrefix("odata.maxpagesize=") {
                return Int(item.dropFirst("odata.maxpagesize=".count).trimmed())
            }
        }
        return nil
    }

    static func percentDecode(_ value: String, plusIsSpace: Bool) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(value.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let decoded = UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(decoded)
                index += 3
            } else if plusIsSpace, byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
                index += 1
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func percentEncode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}
