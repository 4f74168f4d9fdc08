import Foundation
import M365Files
import SystemPackage

/// Replaces a node_exporter textfile atomically: a hidden temporary file beside it (the collector reads only
/// `*.prom`), written in full, made readable by everyone, then renamed over the target.
public struct MetricsTextfile: Sendable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// Writes `contents`; the old file stays in place if anything fails.
    public func replace(with contents: [UInt8]) throws(MetricsWriteError) {
        let target = FilePath(path)
        let temporary = target.removingLastComponent()
            .appending(".\(target.lastComponent?.string ?? "metrics").\(getpid()).tmp")
        do {
            try write(contents, to: temporary)
            try step("rename", target) { try temporary.rename(to: target) }
        } catch {
            try? temporary.removeIfPresent()  // best effort: the failure being reported is the one that matters
            throw error
        }
    }

    private func write(_ contents: [UInt8], to temporary: FilePath) throws(MetricsWriteError) {
        let descriptor = try step("create", temporary) {
            try FileDescriptor.open(
                temporary,
                .writeOnly,
                options: [.create, .truncate, .closeOnExec, .noFollow],
                permissions: [.ownerReadWrite, .groupRead, .otherRead]
            )
        }
        defer { try? descriptor.close() }  // the data is already synchronized, or an earlier error is thrown
        try step("write", temporary) { _ = try descriptor.writeAll(contents) }
        // The daemon's umask is 0077; node_exporter runs as another user.
        try step("chmod", temporary) {
            try descriptor.setPermissions([.ownerReadWrite, .groupRead, .otherRead])
        }
        try step("sync", temporary) { try descriptor.synchronize() }
    }

    private func step<Result>(
        _ operation: String,
        _ file: FilePath,
        _ body: () throws -> Result
    ) throws(MetricsWriteError) -> Result {
        do {
            return try Errno.rethrowing(body)
        } catch {
            throw MetricsWriteError(path: file.string, operation: operation, code: error)
        }
    }
}

/// Why the metrics file could not be replaced.
public struct MetricsWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Errno

    public var description: String {
        "cannot \(operation) \(path): \(code)"
    }
}
