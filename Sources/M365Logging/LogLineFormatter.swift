import Foundation
import Logging
import M365Primitives

/// Formats records as single text lines: logfmt for the file, a shorter form for a terminal.
enum LogLineFormatter {
    /// `time=… level=… msg="…" key=value … message_id=…`, one line, newline-terminated.
    static func logfmt(_ record: LogRecord) -> String {
        var line = "time=\(timestamp(record.timestamp)) level=\(record.level.rawValue) msg=\(quoted(record.message))"
        for field in record.fields {
            line += " \(key(field.key))=\(quoted(field.value))"
        }
        if let messageID = record.messageID {
            line += " message_id=\(messageID)"
        }
        line += "\n"
        return line
    }

    /// `HH:MM:SS level: message key=value …`, for people at a terminal.
    static func human(_ record: LogRecord) -> String {
        let time = timestamp(record.timestamp)
        let clock = time.dropFirst(11).prefix(8)
        var line = "\(clock) \(record.level.rawValue): \(escaped(record.message))"
        for field in record.fields where field.key != LogMetadataKey.event {
            line += " \(key(field.key))=\(quoted(field.value))"
        }
        line += "\n"
        return line
    }

    /// RFC 3339 in UTC with milliseconds, e.g. `2026-11-29T09:41:01.123Z`.
    static func timestamp(_ date: Date) -> String {
        Timestamp.rfc3339(date, milliseconds: true)
    }

    /// A logfmt key: anything outside `[A-Za-z0-9_.-]` becomes `_`.
    static func key(_ key: String) -> String {
        let cleaned = String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) ? $0 : "_" })
        return cleaned.isEmpty ? "_" : cleaned
    }

    /// The value bare when that is unambiguous, otherwise in double quotes with escapes.
    static func quoted(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains { scalar in
                scalar.value <= 0x20 || scalar == "\"" || scalar == "=" || scalar == "\\" || scalar.value == 0x7F
                    || scalar.properties.generalCategory == .control
            }
        return needsQuotes ? "\"\(escaped(value))\"" : value
    }

    /// Backslash escapes for quotes, backslashes and control characters, so a value never breaks the line.
    static func escaped(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .control {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
