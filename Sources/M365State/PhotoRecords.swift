import Foundation
import GRDB

/// What a job last learnt about a source person's photo.
public struct SourcePhotoRecord: Sendable, Equatable {
    public var sourceId: String
    /// The photo's `@odata.mediaEtag`; nil: the person had no photo.
    public var etag: String?
    public var contentType: String?
    /// Size in bytes, once the bytes were read.
    public var size: Int?
    /// When the metadata was read.
    public var checkedAt: Date

    public init(sourceId: String, etag: String?, contentType: String? = nil, size: Int? = nil, checkedAt: Date) {
        self.sourceId = sourceId
        self.etag = etag
        self.contentType = contentType
        self.size = size
        self.checkedAt = checkedAt
    }
}

/// The photo a job last uploaded onto one contact in one mailbox.
public struct ContactPhotoRecord: Sendable, Equatable {
    public var contactId: String
    public var sourceId: String
    /// The source photo's ETag at upload.
    public var etag: String

    public init(contactId: String, sourceId: String, etag: String) {
        self.contactId = contactId
        self.sourceId = sourceId
        self.etag = etag
    }
}

/// Read straight from the `sourcePhoto` table, whose `checkedAt` holds seconds since 1970.
extension SourcePhotoRecord: Decodable, FetchableRecord {
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}

/// Read straight from the `contactPhoto` table.
extension ContactPhotoRecord: Decodable, FetchableRecord {}
