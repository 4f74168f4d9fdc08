import Foundation
import M365Core
import M365Primitives

/// Pure pieces of Graph `$batch`: chunking, request bodies, response parsing.
enum GraphBatch {
    /// One inner request.
    struct Item: Sendable {
        var id: String
        var method: String
        /// Relative to the version root, e.g. `/users/x/contacts`.
        var url: String
        /// JSON, or for a binary body its base64 text (with `contentType`).
        var body: JSONValue?
        var contentType = "application/json"
    }

    /// One inner response.
    struct Reply: Sendable, Equatable {
        var id: String
        var status: Int
        var headers: [String: String]
        var body: JSONValue?

        /// A header's value; names are matched case-insensitively.
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }

        /// A binary body (a photo), which travels base64-encoded; nil when there is none or it is not base64.
        var binaryBody: [UInt8]? {
            guard let text = body?.stringValue else { return nil }
            return Data(base64Encoded: text).map { [UInt8]($0) }
        }

        /// The inner `Retry-After` (header names are matched case-insensitively).
        func retryAfter(now: Date) -> Duration? {
            let value = headers.first { $0.key.lowercased() == "retry-after" }?.value
            return RetryAfter.parse(value, now: now)
        }
    }

    /// Splits `count` items into consecutive ranges of at most `size`.
    static func chunks(count: Int, size: Int) -> [Range<Int>] {
        let size = max(1, size)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// The `$batch` request body.
    static func body(_ items: [Item]) -> JSONValue {
        .object([
            "requests": .array(
                items.map { item in
                    var request: [String: JSONValue] = [
                        "id": .string(item.id), "method": .string(item.method), "url": .string(item.url),
                    ]
                    if let body = item.body {
                        request["body"] = body
                        request["headers"] = .object(["Content-Type": .string(item.contentType)])
                    }
                    return .object(request)
                }
            )
        ])
    }

    /// The inner responses of a `$batch` reply, by id; nil when the shape is wrong.
    static func replies(_ object: [String: JSONValue]) -> [String: Reply]? {
        guard let responses = object["responses"]?.arrayValue else { return nil }
        var byId: [String: Reply] = [:]
        for element in responses {
            guard let response = element.objectValue, let id = response["id"]?.stringValue,
                let status = response["status"].flatMap(Self.int)
            else { return nil }
            let headers = (response["headers"]?.objectValue ?? [:]).compactMapValues {
                $0.stringValue ?? Self.int($0).map(String.init)
            }
            byId[id] = Reply(id: id, status: status, headers: headers, body: response["body"])
        }
        return byId
    }

    private static func int(_ value: JSONValue) -> Int? {
        switch value {
        case .number(let number): Int(exactly: number)
        case .string(let text): Int(text)
        default: nil
        }
    }
}
