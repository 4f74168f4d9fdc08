import Foundation

/// Graph-looking identifiers: GUIDs for directory objects, long opaque base64 ids for Outlook items.
enum GraphIDs {
    enum Kind: UInt8 {
        case folder = 0x2E
        case contact = 0x46
    }

    private static let header: [UInt8] = [0x00, 0x03, 0x24, 0x00, 0x66, 0x30]
    private static let length = 70

    /// The lower-case string form of a GUID's 16 bytes.
    static func guidString(_ bytes: [UInt8]) -> String {
        precondition(bytes.count == 16, "a GUID has 16 bytes")
        return bytes.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }.uuidString.lowercased()
    }

    /// The 16 bytes of a GUID string; nil when it is not one.
    static func guidBytes(_ guid: String) -> [UInt8]? {
        UUID(uuidString: guid).map { withUnsafeBytes(of: $0.uuid) { Array($0) } }
    }

    static func isGUID(_ value: String) -> Bool { UUID(uuidString: value) != nil }

    /// The opaque id of a folder or contact in the mailbox of `owner`.
    static func itemID(kind: Kind, owner: String, seq: UInt32) -> String {
        var bytes = header
        bytes.append(contentsOf: guidBytes(owner) ?? Array(repeating: 0, count: 16))
        bytes.append(kind.rawValue)
        bytes.append(contentsOf: [
            UInt8(seq >> 24), UInt8((seq >> 16) & 0xFF), UInt8((seq >> 8) & 0xFF), UInt8(seq & 0xFF),
        ])
        let check = bytes.reduce(UInt8(0x5A)) { $0 &+ $1 &* 31 }
        bytes.append(check)
        while bytes.count < length { bytes.append(bytes.count % 7 == 0 ? 0x01 : 0x00) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "/", with: "-")
    }

    /// Decodes an item id; nil when malformed.
    static func parseItemID(_ id: String) -> (kind: Kind, owner: String, seq: UInt32)? {
        guard let data = Data(base64Encoded: id.replacingOccurrences(of: "-", with: "/")) else { return nil }
        let bytes = [UInt8](data)
        guard bytes.count == length, Array(bytes[0..<header.count]) == header,
            let kind = Kind(rawValue: bytes[22])
        else { return nil }
        let check = bytes[0..<27].reduce(UInt8(0x5A)) { $0 &+ $1 &* 31 }
        guard bytes[27] == check else { return nil }
        let owner = guidString(Array(bytes[6..<22]))
        let seq = bytes[23..<27].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        return (kind, owner, seq)
    }

    /// A changeKey-looking value for a change counter.
    static func changeKey(owner: String, change: UInt32, seq: UInt32) -> String {
        var bytes: [UInt8] = [0x10, 0x00, 0x00, 0x00, 0x16, 0x00]
        bytes.append(contentsOf: (guidBytes(owner) ?? []).prefix(8))
        for value in [seq, change] {
            bytes.append(contentsOf: [
                UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF),
            ])
        }
        return Data(bytes).base64EncodedString()
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
