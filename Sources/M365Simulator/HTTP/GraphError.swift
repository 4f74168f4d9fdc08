import HTTPTypes
import M365Primitives

/// Graph's error body: `{"error":{"code","message","innerError":{date,request-id,client-request-id}}}`.
struct GraphError: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var headers: HTTPFields = [:]

    func response(for request: SimRequest, now: Int64, requestId: String) -> SimResponse {
        var inner: [String: JSONValue] = [
            "date": .string(SimTime.innerErrorDate(now)),
            "request-id": .string(requestId),
            "client-request-id": .string(request.header("client-request-id") ?? requestId),
        ]
        if status == 429 {
            inner = [
                "code": "429", "date": .string(SimTime.innerErrorDate(now)), "message": "Please retry after",
                "request-id": .string(requestId), "status": "429",
            ]
        }
        let body: JSONValue = [
            "error": ["code": .string(code), "message": .string(message), "innerError": .object(inner)]
        ]
        var all = headers
        all[.contentType] = "application/json"
        all[.cacheControl] = "no-cache"
        all[.msResourceUnit] = "1"
        all[.requestId] = requestId
        all[.clientRequestId] = request.header("client-request-id") ?? requestId
        return SimResponse(status: .init(code: status), headers: all, body: body.serialized())
    }

    static func invalidToken(_ message: String) -> GraphError {
        GraphError(
            status: 401,
            code: "InvalidAuthenticationToken",
            message: message,
            headers: [
                .wwwAuthenticate:
                    "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\""
            ]
        )
    }

    static func badRequest(_ message: String, code: String = "BadRequest") -> GraphError {
        GraphError(status: 400, code: code, message: message)
    }

    static func directoryNotFound(_ key: String) -> GraphError {
        GraphError(
            status: 404,
            code: "Request_ResourceNotFound",
            message:
                "Resource '\(key)' does not exist or one of its queried reference-property objects are not present."
        )
    }

    static func invalidUser(_ key: String) -> GraphError {
        GraphError(status: 404, code: "ErrorInvalidUser", message: "The requested user '\(key)' is invalid.")
    }

    static let mailboxNotEnabled = GraphError(
        status: 404,
        code: "MailboxNotEnabledForRESTAPI",
        message: "The mailbox is either inactive, soft-deleted, or is hosted on-premise."
    )

    static let itemNotFound = GraphError(
        status: 404,
        code: "ErrorItemNotFound",
        message: "The specified object was not found in the store."
    )

    static let idMalformed = GraphError(status: 400, code: "ErrorInvalidIdMalformed", message: "Id is malformed.")

    static let directoryDenied = GraphError(
        status: 403,
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation."
    )

    static let outlookDenied = GraphError(
        status: 403,
        code: "ErrorAccessDenied",
        message: "Access is denied. Check credentials and try again."
    )

    static func notFoundRoute(_ path: String) -> GraphError {
        GraphError(status: 400, code: "BadRequest", message: "Resource not found for the segment '\(path)'.")
    }

    static func methodNotAllowed() -> GraphError {
        GraphError(
            status: 405,
            code: "Request_BadRequest",
            message: "Specified HTTP method is not allowed for the request target."
        )
    }

    static func tooManyRequests(retryAfter: String) -> GraphError {
        GraphError(
            status: 429,
            code: "TooManyRequests",
            message: "Please retry again later.",
            headers: [.retryAfter: retryAfter]
        )
    }

    static func requestBodyRead(_ message: String) -> GraphError {
        GraphError(status: 400, code: "RequestBodyRead", message: message)
    }
}
