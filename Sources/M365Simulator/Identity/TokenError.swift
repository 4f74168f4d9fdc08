import HTTPTypes
import M365Primitives

/// The identity platform's error body (`error`, `error_description` with AADSTS code, `error_codes`, ids).
struct TokenError: Error, Sendable {
    var status: Int
    var error: String
    var code: Int
    var message: String

    func response(now: Int64, traceId: String) -> SimResponse {
        let correlation = String(traceId.reversed())
        let description =
            "AADSTS\(code): \(message)\r\nTrace ID: \(traceId)\r\nCorrelation ID: \(correlation)\r\nTimestamp: \(SimTime.aadTimestamp(now))"
        let body: JSONValue = [
            "error": .string(error),
            "error_description": .string(description),
            "error_codes": [.number(Double(code))],
            "timestamp": .string(SimTime.aadTimestamp(now)),
            "trace_id": .string(traceId),
            "correlation_id": .string(correlation),
            "error_uri": .string("https://login.microsoftonline.com/error?code=\(code)"),
        ]
        return SimResponse(
            status: .init(code: status),
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store, no-cache"],
            body: body.serialized()
        )
    }

    static func invalidRequest(_ code: Int, _ message: String) -> TokenError {
        TokenError(status: 400, error: "invalid_request", code: code, message: message)
    }

    static func invalidClient(_ code: Int, _ message: String) -> TokenError {
        TokenError(status: 401, error: "invalid_client", code: code, message: message)
    }
}
