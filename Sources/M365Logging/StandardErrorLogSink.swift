import Logging
import Synchronization
import SystemPackage

/// Writes short human-readable lines to a file descriptor, normally standard error.
final class StandardErrorLogSink: LogSink {
    let threshold: Logger.Level
    /// Held while a line is written, so lines from several threads never interleave.
    private let descriptor: Mutex<FileDescriptor>
    private let failureCount = Atomic<Int>(0)

    init(threshold: Logger.Level, descriptor: Int32) {
        self.threshold = threshold
        self.descriptor = Mutex(FileDescriptor(rawValue: descriptor))
    }

    var failures: Int { failureCount.load(ordering: .relaxed) }

    func write(_ record: LogRecord) {
        let line = Array(LogLineFormatter.human(record).utf8)
        let written = descriptor.withLock { (try? $0.writeAll(line)) != nil }
        if !written { failureCount.add(1, ordering: .relaxed) }
    }

    func reopen() {}
    func flush() {}
}
