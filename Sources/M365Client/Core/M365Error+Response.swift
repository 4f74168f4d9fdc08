import Foundation
import HTTPTypes
import M365Core
import M365Curl
import M365Primitives

extension M365Error {
    /// The error for a non-success response, reading Graph's or the token endpoint's error body when present.
    static func from(_ response: HTTPTransportResponse, context: ResponseContext) -> M365Error {
        let (code, message) = serviceError(in: response)
        let fallback =
            response.mediaType == "application/json"
            ? "HTTP \(response.head.status.code) without a readable error"
            : "HTTP \(response.head.status.code) with a non-JSON body (\(response.mediaType ?? "no content type"))"
        var context = context
        context.contentType = code == nil && message == nil ? response.mediaType ?? "none" : nil
        return .http(
            status: response.head.status.code,
            serviceCode: code,
            message: message ?? fallback,
            context: context
        )
    }

    /// `error.code`/`error.message` (Graph) or `error`/`error_description` (identity platform).
    static func serviceError(in response: HTTPTransportResponse) -> (code: String?, message: String?) {
        guard response.mediaType?.contains("json") == true,
            let value = try? JSONDecoder().decode(JSONValue.self, from: response.body),
            let object = value.objectValue
        else { return (nil, nil) }
        if let error = object["error"]?.objectValue {
            return (error["code"]?.stringValue, error["message"]?.stringValue)
        }
        if let error = object["error"]?.stringValue {
            return (error, object["error_description"]?.stringValue)
        }
        return (nil, nil)
    }
}

extension ResponseContext {
    /// Context for a response to a request sent with `clientRequestId`.
    init(operation: String, clientRequestId: String? = nil, response: HTTPTransportResponse?) {
        self.init(
            operation: operation,
            status: response?.head.status.code,
            clientRequestId: clientRequestId ?? response?.header(.clientRequestId),
            requestId: response?.header(.requestId) ?? response?.header(.msRequestId),
            contentType: response?.mediaType
        )
    }
}
