import HTTPTypes

/// Header fields of Microsoft 365 requests and responses that HTTPTypes does not name.
extension HTTPField.Name {
    public static let clientRequestId = valid("client-request-id")
    public static let returnClientRequestId = valid("return-client-request-id")
    public static let requestId = valid("request-id")
    public static let msRequestId = valid("x-ms-request-id")
    public static let consistencyLevel = valid("ConsistencyLevel")
    public static let prefer = valid("Prefer")
    public static let cmdletName = valid("X-CmdletName")
    public static let anchorMailbox = valid("X-AnchorMailbox")
    public static let responseFormat = valid("X-ResponseFormat")
    public static let odataVersion = valid("OData-Version")
    public static let rateLimitLimit = valid("Rate-Limit-Limit")
    public static let rateLimitRemaining = valid("Rate-Limit-Remaining")
    public static let rateLimitReset = valid("Rate-Limit-Reset")
    public static let msResourceUnit = valid("x-ms-resource-unit")

    /// A name written in this file, which is a valid token.
    private static func valid(_ name: String) -> Self {
        guard let field = Self(name) else { preconditionFailure("invalid header field name \(name)") }
        return field
    }
}
