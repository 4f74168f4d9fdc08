import Foundation

/// One HTTP response as a plain value; the body is already decoded from gzip or other encodings.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// The protocol version the response came over: "1.0", "1.1", "2" or "3".
    public var httpVersion: String
    /// The URL of the final request (no redirects are followed, so the requested URL).
    public var effectiveURL: String
    /// Bytes of request body uploaded.
    public var bytesSent: Int
    /// Bytes of response body received (after decoding).
    public var bytesReceived: Int

    public init(
        status: Int,
        headers: HTTPHeaders = [:],
        body: Data = Data(),
        httpVersion: String = "1.1",
        effectiveURL: String = "",
        bytesSent: Int = 0,
        bytesReceived: Int = 0
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
        self.effectiveURL = effectiveURL
        self.bytesSent = bytesSent
        self.bytesReceived = bytesReceived
    }

    /// The media type of the body without parameters, lowercased (`application/json`), or nil.
    public var mediaType: String? {
        guard let value = headers["Content-Type"] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
