import Foundation

/// Graph-looking identifiers: GUIDs for directory objects, long opaque base64 ids for Outlook items.
enum GraphIDs {
    enum Kind: UInt8 {
        case folder = 0x2E
        case contact = 0x46
    }

    private static let header: [UInt8] = [0x00, 0x03, 0x24, 0x00, 0x66, 0x30]
    private static let length = 70

    static func guidString(_ bytes: [UInt8]) -> String {
        let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }

    static func guidBytes(_ guid: String) -> [UInt8]? {
        let hex = guid.replacingOccurrences(of: "-", with: "")
        guard hex.count == 32 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    static func isGUID(_ value: String) -> Bool { guidBytes(value) != nil && value.count == 36 }

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
