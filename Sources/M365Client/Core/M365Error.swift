/// A failed Microsoft 365 call: what went wrong, the HTTP status, the service's code and message, request ids.
///
/// Never carries a secret, a token or a request body.
public struct M365Error: Error, Sendable, CustomStringConvertible {
    fileprivate enum Code: String, Sendable {
        case configuration, authentication, badRequest, unauthorized, accessDenied, notFound, conflict, gone
        case throttled, serviceUnavailable, httpStatus, invalidResponse, transport, duplicateName
        case unknownParameter, exchangeCommand, outcomeUnknown, cancelled, addressInUse, aliasInUse
    }

    /// The class of an error, for matching: `if error.kind == .notFound`.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate let code: Code
        /// A credential or CA file is missing or malformed.
        public static let configuration = Kind(code: .configuration)
        /// The token endpoint refused the app (bad secret, certificate, tenant, scope).
        public static let authentication = Kind(code: .authentication)
        public static let badRequest = Kind(code: .badRequest)
        /// 401 after one token refresh.
        public static let unauthorized = Kind(code: .unauthorized)
        /// 403, or Exchange's missing role.
        public static let accessDenied = Kind(code: .accessDenied)
        /// 404, or Exchange's ManagementObjectNotFoundException.
        public static let notFound = Kind(code: .notFound)
        public static let conflict = Kind(code: .conflict)
        /// 410: a delta token expired.
        public static let gone = Kind(code: .gone)
        /// 429 or a throttling message that outlasted the retry budget.
        public static let throttled = Kind(code: .throttled)
        /// 5xx after retries.
        public static let serviceUnavailable = Kind(code: .serviceUnavailable)
        /// Any other non-success status.
        public static let httpStatus = Kind(code: .httpStatus)
        /// A body that is not the JSON expected: HTML, truncated, wrong shape.
        public static let invalidResponse = Kind(code: .invalidResponse)
        /// No response: connect, TLS, timeout, dropped connection.
        public static let transport = Kind(code: .transport)
        /// Exchange: the Name is already used.
        public static let duplicateName = Kind(code: .duplicateName)
        /// Exchange: another recipient already has the Alias (`PropertyValueExistsException` on `Alias`).
        public static let aliasInUse = Kind(code: .aliasInUse)
        /// Exchange: another recipient already has the address (`ProxyAddressExistsException`).
        public static let addressInUse = Kind(code: .addressInUse)
        /// Exchange: a parameter the cmdlet does not know.
        public static let unknownParameter = Kind(code: .unknownParameter)
        /// Exchange: any other cmdlet failure.
        public static let exchangeCommand = Kind(code: .exchangeCommand)
        /// A create may or may not have been applied (the response was lost); the next read tells.
        public static let outcomeUnknown = Kind(code: .outcomeUnknown)
        public static let cancelled = Kind(code: .cancelled)

        public var description: String { code.rawValue }
    }

    fileprivate let code: Code
    /// HTTP status of the final response, if there was one.
    public fileprivate(set) var status: Int?
    /// The service's error code (`ErrorItemNotFound`, `AADSTS7000215`, an Exchange exception type).
    public fileprivate(set) var serviceCode: String?
    /// The service's message, or ours.
    public let message: String
    /// The `client-request-id` we sent.
    public fileprivate(set) var clientRequestId: String?
    /// The service's `request-id`.
    public fileprivate(set) var requestId: String?
    /// The response's `Content-Type`, when the body was not what was expected.
    public fileprivate(set) var contentType: String?
    /// The request kind, such as `graph.users`.
    public fileprivate(set) var operation: String?

    public var kind: Kind { Kind(code: code) }

    /// A short payload-free name for log fields and metrics.
    public var name: String { code.rawValue }

    /// True for failures a later attempt may cure (throttling, 5xx, transport).
    public var isTransient: Bool { [.throttled, .serviceUnavailable, .transport].contains(code) }

    public var description: String {
        var parts = ["\(operation.map { "\($0): " } ?? "")\(name)"]
        if let status { parts.append("HTTP \(status)") }
        if let serviceCode { parts.append(serviceCode) }
        if let contentType { parts.append("content type \(contentType)") }
        var text = parts.joined(separator: ", ") + ": " + message
        if let requestId { text += " (request-id \(requestId))" }
        if let clientRequestId { text += " (client-request-id \(clientRequestId))" }
        return text
    }
}

extension M365Error {
    /// Graph's answer for a user without an Exchange Online mailbox (or one that is inactive, soft-deleted or
    /// on-premises): 404 `MailboxNotEnabledForRESTAPI`.
    public var isMailboxNotEnabled: Bool {
        kind == .notFound && serviceCode?.lowercased() == "mailboxnotenabledforrestapi"
    }

    public static func configuration(_ message: String) -> M365Error { .init(code: .configuration, message: message) }

    public static func cancelled(operation: String? = nil) -> M365Error {
        .init(code: .cancelled, message: "cancelled", operation: operation)
    }

    static func authentication(
        status: Int?,
        serviceCode: String?,
        message: String,
        context: ResponseContext
    ) -> M365Error {
        .init(.authentication, status: status, serviceCode: serviceCode, message: message, context: context)
    }

    static func invalidResponse(_ message: String, context: ResponseContext) -> M365Error {
        .init(
            .invalidResponse,
            status: context.status,
            message: message,
            contentType: context.contentType ?? "none",
            context: context
        )
    }

    static func transport(_ message: String, context: ResponseContext) -> M365Error {
        .init(
            code: .transport,
            message: message,
            clientRequestId: context.clientRequestId,
            operation: context.operation
        )
    }

    static func outcomeUnknown(_ message: String, context: ResponseContext) -> M365Error {
        .init(.outcomeUnknown, status: context.status, message: message, context: context)
    }

    /// An error for a non-success HTTP status, classified by status.
    static func http(
        status: Int,
        serviceCode: String?,
        message: String,
        context: ResponseContext
    ) -> M365Error {
        let code: Code =
            switch status {
            case 400: .badRequest
            case 401: .unauthorized
            case 403: .accessDenied
            case 404: .notFound
            case 409, 412: .conflict
            case 410: .gone
            case 429: .throttled
            case 500...599: .serviceUnavailable
            default: .httpStatus
            }
        return .init(
            code,
            status: status,
            serviceCode: serviceCode,
            message: message,
            contentType: context.contentType,
            context: context
        )
    }

    /// An Exchange cmdlet failure with its class.
    static func exchange(
        _ kind: Kind,
        status: Int?,
        serviceCode: String?,
        message: String,
        context: ResponseContext
    ) -> M365Error {
        .init(kind.code, status: status, serviceCode: serviceCode, message: message, context: context)
    }

    /// The same error attributed to another operation (batch items).
    func with(operation: String) -> M365Error {
        var copy = self
        copy.operation = operation
        return copy
    }

    /// An error about a response: its ids and operation come from `context`.
    private init(
        _ code: Code,
        status: Int?,
        serviceCode: String? = nil,
        message: String,
        contentType: String? = nil,
        context: ResponseContext
    ) {
        self.init(
            code: code,
            status: status,
            serviceCode: serviceCode,
            message: message,
            clientRequestId: context.clientRequestId,
            requestId: context.requestId,
            contentType: contentType,
            operation: context.operation
        )
    }
}

/// What is known about a response when an error is built from it.
struct ResponseContext: Sendable {
    var operation: String
    var status: Int?
    var clientRequestId: String?
    var requestId: String?
    var contentType: String?
}
