import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Writes structured entries to the systemd journal through `sd_journal_sendv`.
public enum Journal {
    /// Sends one entry; each field becomes one `NAME=value` iovec, so values may hold newlines or any bytes.
    public static func send(_ fields: [(name: String, value: String)]) throws(JournalError) {
        guard !fields.isEmpty else { throw JournalError.emptyEntry() }
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(fields.count)
        for field in fields {
            guard JournalFieldName.isValid(field.name) else { throw JournalError.invalidFieldName(field.name) }
            let start = bytes.count
            bytes.append(contentsOf: field.name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: field.value.utf8)
            ranges.append(start..<bytes.count)
        }
        let result = bytes.withUnsafeMutableBytes { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -EINVAL }
            let vectors = ranges.map { range in
                iovec(iov_base: base + range.lowerBound, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer { vectorBuffer in
                m365_journal_sendv(vectorBuffer.baseAddress, Int32(vectorBuffer.count))
            }
        }
        if result < 0 { throw JournalError.sendFailed(errno: -result) }
    }
}

/// Journal field names: upper-case letters, digits and `_`, not starting with a digit or `_`, at most 64 bytes.
public enum JournalFieldName {
    /// Longest field name journald accepts.
    public static let maximumLength = 64

    /// Whether journald accepts `name` as a field written by a client.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first), name.utf8.count <= maximumLength
        else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `prefix` + `key` upper-cased, every other character turned into `_`, trimmed to the maximum length.
    ///
    /// `prefix` must itself be a valid name start, e.g. `M365SYNC_`.
    public static func sanitized(_ key: String, prefix: String) -> String {
        let body = key.unicodeScalars.map { scalar in
            switch scalar {
            case "A"..."Z", "0"..."9": String(scalar)
            case "a"..."z": String(scalar).uppercased()
            default: "_"
            }
        }
        return String((prefix + body.joined()).prefix(maximumLength))
    }
}
