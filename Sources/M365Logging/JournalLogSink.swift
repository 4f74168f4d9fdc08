import Logging
import M365Systemd

/// Writes records to journald with `MESSAGE`, `PRIORITY`, `CODE_*`, `MESSAGE_ID` and `M365SYNC_*` fields.
final class JournalLogSink: LogSink {
    /// Prefix of every metadata field in the journal.
    static let fieldPrefix = "M365SYNC_"

    let threshold: Logger.Level
    let identifier: String

    init(threshold: Logger.Level, identifier: String) {
        self.threshold = threshold
        self.identifier = identifier
    }

    func write(_ record: LogRecord) {
        try? Journal.send(fields(for: record))  // an unreachable journal loses the entry, never fatal
    }

    func reopen() {}
    func flush() {}

    /// The journal fields of `record`, in the order they are sent.
    func fields(for record: LogRecord) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", record.message),
            ("PRIORITY", String(Self.priority(record.level))),
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", record.file),
            ("CODE_LINE", String(record.line)),
            ("CODE_FUNC", record.function),
        ]
        if let messageID = record.messageID {
            fields.append(("MESSAGE_ID", messageID))
        }
        for field in record.fields {
            fields.append((JournalFieldName.sanitized(field.key, prefix: Self.fieldPrefix), field.value))
        }
        return fields
    }

    /// syslog priority of a swift-log level.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
