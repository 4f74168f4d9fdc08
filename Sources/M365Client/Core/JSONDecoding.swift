import Foundation
import HTTPTypes
import M365Core
import M365Curl
import M365Primitives

/// Turning response bodies into JSON values, with errors that name status and content type.
enum JSONDecoding {
    /// The body as a JSON object; anything else (HTML, empty, truncated, an array) is `invalidResponse`.
    static func object(
        _ response: HTTPTransportResponse,
        context: ResponseContext
    ) throws(M365Error) -> [String: JSONValue] {
        guard let media = response.mediaType, media == "application/json" || media.hasSuffix("+json") else {
            throw .invalidResponse(
                "expected a JSON body, got \(response.body.count) bytes of another type",
                context: context
            )
        }
        guard !response.body.isEmpty else { throw .invalidResponse("empty JSON body", context: context) }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: response.body)
        } catch {
            throw .invalidResponse("malformed or truncated JSON body (\(response.body.count) bytes)", context: context)
        }
        guard case .object(let object) = value else {
            throw .invalidResponse("JSON body is not an object", context: context)
        }
        return object
    }

    /// The body's `value` array of objects; missing or not objects is `invalidResponse`.
    static func valueArray(
        _ object: [String: JSONValue],
        context: ResponseContext
    ) throws(M365Error) -> [[String: JSONValue]] {
        guard let array = object["value"]?.arrayValue else {
            throw .invalidResponse("JSON body has no \"value\" array", context: context)
        }
        return try array.map { element throws(M365Error) in
            guard case .object(let item) = element else {
                throw .invalidResponse("\"value\" holds a non-object element", context: context)
            }
            return item
        }
    }

    /// JSON bytes for a request body.
    static func encode(_ value: JSONValue) -> Data {
        // JSONValue's encoding cannot fail: it holds only JSON types.
        (try? JSONEncoder().encode(value)) ?? Data("null".utf8)
    }
}
