import Logging
import Synchronization
import SystemPackage

/// Writes short human-readable lines to a file descriptor, normally standard error.
final class StandardErrorLogSink: LogSink {
    let threshold: Logger.Level
    /// Held while a line is written, so lines from several threads never interleave.
    private let descriptor: Mutex<FileDescriptor>

    init(threshold: Logger.Level, descriptor: Int32) {
        self.threshold = threshold
        self.descriptor = Mutex(FileDescriptor(rawValue: descriptor))
    }

    func write(_ record: LogRecord) {
        let line = Array(LogLineFormatter.human(record).utf8)
        // A line that cannot be written is lost; there is nowhere left to report it.
        _ = descriptor.withLock { try? $0.writeAll(line) }
    }

    func reopen() {}
    func flush() {}
}
