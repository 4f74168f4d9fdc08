import SystemPackage

/// Reads a test's small text files (logs, captured stderr, fixtures) through swift-system.
public enum TextFile {
    /// The UTF-8 text of the file at `path`; throws when it cannot be opened or read, or is not UTF-8.
    public static func read(_ path: String) throws -> String {
        let descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: .closeOnExec)
        let bytes = try descriptor.closeAfter { try readToEnd(descriptor) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw Errno.illegalByteSequence }
        return text
    }

    /// Every byte from the descriptor's position to the end of the file.
    static func readToEnd(_ descriptor: FileDescriptor) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
