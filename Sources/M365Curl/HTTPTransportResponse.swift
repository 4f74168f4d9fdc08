import Foundation
import HTTPTypes

/// What ``HTTPTransport`` answers: the HTTP head, the body (already decoded from gzip or other encodings)
/// and what is known about the transfer.
public struct HTTPTransportResponse: Sendable {
    /// Status and header fields.
    public var head: HTTPResponse
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
        head: HTTPResponse,
        body: Data = Data(),
        httpVersion: String = "1.1",
        effectiveURL: String = "",
        bytesSent: Int = 0,
        bytesReceived: Int = 0
    ) {
        self.head = head
        self.body = body
        self.httpVersion = httpVersion
        self.effectiveURL = effectiveURL
        self.bytesSent = bytesSent
        self.bytesReceived = bytesReceived
    }

    /// The first value of a header field (names match case-insensitively); a repeated field is not joined.
    public func header(_ name: HTTPField.Name) -> String? {
        head.headerFields[values: name].first
    }

    /// The media type of the body without parameters, lowercased (`application/json`), or nil.
    public var mediaType: String? {
        guard let value = header(.contentType) else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
