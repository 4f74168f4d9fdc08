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

    /// Polls the file at `path` until it contains `text` (a file offers no event for "written"; one not there yet
    /// reads as empty); false at the deadline.
    public static func waitFor(_ text: String, in path: String, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while (try? read(path))?.contains(text) != true {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return true
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
