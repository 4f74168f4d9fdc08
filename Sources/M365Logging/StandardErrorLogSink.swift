import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Writes short human-readable lines to a file descriptor, normally standard error.
final class StandardErrorLogSink: LogSink {
    let threshold: Logger.Level
    private let descriptor: Mutex<Int32>
    private let failureCount = Atomic<Int>(0)

    init(threshold: Logger.Level, descriptor: Int32) {
        self.threshold = threshold
        self.descriptor = Mutex(descriptor)
    }

    var failures: Int { failureCount.load(ordering: .relaxed) }

    func write(_ record: LogRecord) {
        let line = Array(LogLineFormatter.human(record).utf8)
        let ok = descriptor.withLock { descriptor in
            line.withUnsafeBytes { buffer in
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
        if !ok { failureCount.add(1, ordering: .relaxed) }
    }

    func reopen() {}
    func flush() {}
}
