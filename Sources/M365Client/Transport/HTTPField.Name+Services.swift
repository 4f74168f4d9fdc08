import HTTPTypes

/// Header fields of Microsoft 365 requests and responses that HTTPTypes does not name.
extension HTTPField.Name {
    static let clientRequestId = valid("client-request-id")
    static let returnClientRequestId = valid("return-client-request-id")
    static let requestId = valid("request-id")
    static let msRequestId = valid("x-ms-request-id")
    static let consistencyLevel = valid("ConsistencyLevel")
    static let prefer = valid("Prefer")
    static let cmdletName = valid("X-CmdletName")
    static let anchorMailbox = valid("X-AnchorMailbox")
    static let responseFormat = valid("X-ResponseFormat")

    /// A name written in this file, which is a valid token.
    private static func valid(_ name: String) -> Self {
        guard let field = Self(name) else { preconditionFailure("invalid header field name \(name)") }
        return field
    }
}
