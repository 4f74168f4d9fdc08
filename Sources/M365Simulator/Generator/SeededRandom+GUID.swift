import M365Primitives

extension SeededRandom {
    /// A version-4 GUID string in lower case, as directory object ids look.
    public mutating func guid() -> String {
        Self.guid(next(), next())
    }

    /// A GUID whose second half is XOR-ed with `mask`'s next value: this sequence advances exactly as `guid()`
    /// would, so everything else drawn from it stays the same, and so does the order of the ids (their first
    /// half), while a mask of its own per tenant keeps ids apart.
    public mutating func guid(masking mask: inout SeededRandom) -> String {
        Self.guid(next(), next() ^ mask.next())
    }

    private static func guid(_ first: UInt64, _ second: UInt64) -> String {
        var bytes: [UInt8] = []
        for var word in [first, second] {
            for _ in 0..<8 {
                bytes.append(UInt8(word & 0xFF))
                word >>= 8
            }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return GraphIDs.guidString(bytes)
    }
}
