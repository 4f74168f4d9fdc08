import HTTPTypes

/// A profile photo as the simulator keeps it: the image bytes, their content type and size in pixels.
public struct SimPhoto: Sendable, Equatable {
    /// Graph's limit for a photo upload (`profilePhoto` update: "limited to 4 MB").
    public static let maxUploadBytes = 4 * 1024 * 1024

    public var bytes: [UInt8]
    public var contentType: String
    public var width: Int
    public var height: Int

    public init(bytes: [UInt8], contentType: String = "image/jpeg", width: Int = 240, height: Int = 240) {
        self.bytes = bytes
        self.contentType = contentType
        self.width = width
        self.height = height
    }

    /// Graph's `@odata.mediaEtag`: a quoted hash of the bytes, so new bytes give a new ETag.
    public var etag: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "\"\(String(hash, radix: 16, uppercase: true).leftPadded(to: 16))\""
    }

    /// A small JPEG: start of image, a JFIF header, a comment naming `label`, `padding` filler bytes in
    /// further comments, end of image. Enough for a file type check; there is no image data.
    public static func jpeg(label: String, padding: Int = 0) -> SimPhoto {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes +=
            [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0]
        bytes += comment(Array("m365sim photo \(label)".utf8).prefix(65_000))
        var left = max(0, padding)
        while left > 0 {
            let chunk = min(left, 65_000)
            bytes += comment(ArraySlice(repeating: UInt8(ascii: "x"), count: chunk))
            left -= chunk
        }
        bytes += [0xFF, 0xD9]
        return SimPhoto(bytes: bytes)
    }

    private static func comment(_ text: ArraySlice<UInt8>) -> [UInt8] {
        let length = text.count + 2
        return [0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + text
    }
}
