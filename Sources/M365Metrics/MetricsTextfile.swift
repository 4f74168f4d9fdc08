import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Replaces a node_exporter textfile atomically: a hidden temporary file beside it (the collector reads only
/// `*.prom`), written in full, made readable by everyone, then renamed over the target.
public struct MetricsTextfile: Sendable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// Writes `contents`; the old file stays in place if anything fails.
    public func replace(with contents: [UInt8]) throws(MetricsWriteError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .init(path: temporary, operation: "create", errno: errno) }
        var failure: MetricsWriteError?
        if !Self.writeAll(contents, to: descriptor) {
            failure = .init(path: temporary, operation: "write", errno: errno)
        } else if fchmod(descriptor, 0o644) != 0 {  // the daemon's umask is 0077; node_exporter runs as another user
            failure = .init(path: temporary, operation: "chmod", errno: errno)
        } else if fsync(descriptor) != 0 {
            failure = .init(path: temporary, operation: "sync", errno: errno)
        }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 {
            failure = .init(path: path, operation: "rename", errno: errno)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

/// Why the metrics file could not be replaced.
public struct MetricsWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Int32

    init(path: String, operation: String, errno code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(code)))"
    }
}
