import Foundation
import Logging
import M365Files
import Synchronization
import SystemPackage

/// Appends logfmt lines to a file, rotating it to `<path>.1` … `<path>.<maxFiles>` past `maxBytes`.
///
/// It only ever renames or deletes `<path>` and its own numbered siblings, never another file in the folder.
final class RotatingFileLogSink: LogSink {
    private struct State {
        /// Nil while the file cannot be opened; the next write tries again.
        var descriptor: FileDescriptor?
        var size: Int64
    }

    let threshold: Logger.Level
    let path: String
    let maxBytes: Int64
    let maxFiles: Int
    private let state: Mutex<State>

    /// Creates the folder (mode 0750) and opens the file (mode 0640) for appending.
    init(path: String, threshold: Logger.Level, maxBytes: Int, maxFiles: Int) throws(LoggingSetupError) {
        self.threshold = threshold
        self.path = path
        self.maxBytes = Int64(max(maxBytes, 1))
        self.maxFiles = max(maxFiles, 0)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o750]
                )
            } catch {
                throw LoggingSetupError.cannotCreateDirectory(directory, reason: "\(error.localizedDescription)")
            }
        }
        do {
            self.state = Mutex(try Self.open(path))
        } catch {
            throw LoggingSetupError.cannotOpenFile(path, errno: error)
        }
    }

    deinit {
        state.withLock { state in
            try? state.descriptor?.close()  // nothing is left to report a failure to
            state.descriptor = nil
        }
    }

    func write(_ record: LogRecord) {
        let line = Array(LogLineFormatter.logfmt(record).utf8)
        state.withLock { state in
            if state.descriptor == nil { state = Self.reopened(path) }
            if state.size > 0 && state.size + Int64(line.count) > maxBytes {
                rotate(&state)
            }
            // A line that cannot be written (disk full) is lost; the next write tries again.
            guard let descriptor = state.descriptor, (try? descriptor.writeAll(line)) != nil else { return }
            state.size += Int64(line.count)
        }
    }

    func reopen() {
        state.withLock { state in
            Self.close(&state)
            state = Self.reopened(path)
        }
    }

    func flush() {
        state.withLock { state in
            // A failed flush shows up as a failed write later, which is counted.
            try? state.descriptor?.synchronize()
        }
    }

    /// The path of rotated file number `index` (1 is the newest).
    func rotatedPath(_ index: Int) -> String { "\(path).\(index)" }

    /// Shifts `<path>.N` up by one and `<path>` to `<path>.1` (or deletes `<path>` when no copies are kept),
    /// then opens a new `<path>`. A step that fails leaves that file where it was; logging goes on.
    private func rotate(_ state: inout State) {
        Self.close(&state)
        if maxFiles == 0 {
            try? FilePath(path).removeIfPresent()
        } else {
            try? FilePath(rotatedPath(maxFiles)).removeIfPresent()
            for index in stride(from: maxFiles - 1, through: 1, by: -1) {
                try? FilePath(rotatedPath(index)).rename(to: FilePath(rotatedPath(index + 1)))
            }
            try? FilePath(path).rename(to: FilePath(rotatedPath(1)))
        }
        state = Self.reopened(path)
    }

    private static func close(_ state: inout State) {
        try? state.descriptor?.close()  // the descriptor is gone either way
        state.descriptor = nil
    }

    /// The file opened again, or no descriptor (counted as failed writes) while it cannot be.
    private static func reopened(_ path: String) -> State {
        (try? open(path)) ?? State(descriptor: nil, size: 0)
    }

    private static func open(_ path: String) throws(Errno) -> State {
        let descriptor = try Errno.rethrowing {
            try FileDescriptor.open(
                FilePath(path),
                .writeOnly,
                options: [.append, .create, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead]
            )
        }
        let size = (try? descriptor.stat().size) ?? 0
        return State(descriptor: descriptor, size: size)
    }
}
