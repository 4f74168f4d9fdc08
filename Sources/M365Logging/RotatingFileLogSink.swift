import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Appends logfmt lines to a file, rotating it to `<path>.1` … `<path>.<maxFiles>` past `maxBytes`.
///
/// It only ever renames or deletes `<path>` and its own numbered siblings, never another file in the folder.
final class RotatingFileLogSink: LogSink {
    private struct State {
        var descriptor: Int32
        var size: Int
    }

    let threshold: Logger.Level
    let path: String
    let maxBytes: Int
    let maxFiles: Int
    private let state: Mutex<State>
    private let failureCount = Atomic<Int>(0)

    /// Creates the folder (mode 0750) and opens the file (mode 0640) for appending.
    init(path: String, threshold: Logger.Level, maxBytes: Int, maxFiles: Int) throws(LoggingSetupError) {
        self.threshold = threshold
        self.path = path
        self.maxBytes = max(maxBytes, 1)
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
        let opened = Self.open(path)
        guard opened.descriptor >= 0 else { throw LoggingSetupError.cannotOpenFile(path, errno: opened.error) }
        self.state = Mutex(State(descriptor: opened.descriptor, size: opened.size))
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
            state.descriptor = -1
        }
    }

    var failures: Int { failureCount.load(ordering: .relaxed) }

    func write(_ record: LogRecord) {
        let line = Array(LogLineFormatter.logfmt(record).utf8)
        let written = state.withLock { state -> Bool in
            if state.descriptor < 0 {
                let opened = Self.open(path)
                state = State(descriptor: opened.descriptor, size: opened.size)
            }
            if state.size > 0 && state.size + line.count > maxBytes {
                rotate(&state)
            }
            guard state.descriptor >= 0 else { return false }
            let ok = Self.writeAll(line, to: state.descriptor)
            if ok { state.size += line.count }
            return ok
        }
        if !written { failureCount.add(1, ordering: .relaxed) }
    }

    func reopen() {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
            let opened = Self.open(path)
            state = State(descriptor: opened.descriptor, size: opened.size)
        }
    }

    func flush() {
        state.withLock { state in
            if state.descriptor >= 0 { _ = fsync(state.descriptor) }
        }
    }

    /// The path of rotated file number `index` (1 is the newest).
    func rotatedPath(_ index: Int) -> String { "\(path).\(index)" }

    private func rotate(_ state: inout State) {
        if state.descriptor >= 0 { close(state.descriptor) }
        if maxFiles == 0 {
            unlink(path)
        } else {
            unlink(rotatedPath(maxFiles))
            for index in stride(from: maxFiles - 1, through: 1, by: -1) {
                rename(rotatedPath(index), rotatedPath(index + 1))
            }
            rename(path, rotatedPath(1))
        }
        let opened = Self.open(path)
        state = State(descriptor: opened.descriptor, size: opened.size)
    }

    private static func open(_ path: String) -> (descriptor: Int32, size: Int, error: Int32) {
        let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { return (-1, 0, errno) }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        return (descriptor, size, 0)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
    }
}
