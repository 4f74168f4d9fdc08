/// A photo's bytes and their content type, as read from a user and uploaded onto a contact.
public struct PhotoContent: Sendable, Equatable {
    /// Graph's limit for a photo upload: 4 MB.
    public static let maxUploadBytes = 4 * 1024 * 1024

    public var contentType: String
    public var bytes: [UInt8]

    public init(contentType: String, bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }

    /// Whether Graph would refuse to store it on a contact.
    public var exceedsUploadLimit: Bool { bytes.count > Self.maxUploadBytes }
}

/// A user's photo metadata: `@odata.mediaEtag` and `@odata.mediaContentType` of `GET /users/{id}/photo`.
public struct PhotoMetadata: Sendable, Equatable {
    public var etag: String
    public var contentType: String?

    public init(etag: String, contentType: String? = nil) {
        self.etag = etag
        self.contentType = contentType
    }
}
