import Foundation
import Logging

/// One metadata field, flattened to text.
struct LogField: Sendable, Equatable {
    var key: String
    var value: String
}

/// A log event after metadata merging, flattening and redaction; what every backend writes.
struct LogRecord: Sendable {
    var timestamp: Date
    var level: Logger.Level
    var message: String
    /// Redacted fields in display order, without `message_id`.
    var fields: [LogField]
    /// The journal `MESSAGE_ID`, when the event is an audit event.
    var messageID: String?
    var label: String
    var file: String
    var function: String
    var line: UInt

    init(event: LogEvent, metadata: Logger.Metadata, label: String, timestamp: Date) {
        self.timestamp = timestamp
        self.level = event.level
        self.message = LogRedactor.redact(text: event.message.description)
        self.label = label
        self.file = event.file
        self.function = event.function
        self.line = event.line
        var flat: [LogField] = []
        for (key, value) in metadata {
            Self.flatten(key: key, value: value, into: &flat)
        }
        if let error = event.error, metadata[LogMetadataKey.error] == nil {
            flat.append(LogField(key: LogMetadataKey.error, value: String(describing: error)))
        }
        var messageID: String?
        var fields: [LogField] = []
        for field in flat {
            if field.key == LogMetadataKey.messageID {
                messageID = Self.isMessageID(field.value) ? field.value : nil
                continue
            }
            fields.append(LogField(key: field.key, value: LogRedactor.redact(key: field.key, value: field.value)))
        }
        self.messageID = messageID
        self.fields = fields.sorted(by: Self.displayOrder)
    }

    private static func flatten(key: String, value: Logger.MetadataValue, into fields: inout [LogField]) {
        switch value {
        case .string(let text):
            fields.append(LogField(key: key, value: text))
        case .stringConvertible(let convertible):
            fields.append(LogField(key: key, value: convertible.description))
        case .array(let values):
            fields.append(LogField(key: key, value: values.map(\.description).joined(separator: ",")))
        case .dictionary(let dictionary):
            for (subKey, subValue) in dictionary {
                flatten(key: "\(key)_\(subKey)", value: subValue, into: &fields)
            }
        }
    }

    private static func isMessageID(_ value: String) -> Bool {
        value.utf8.count == 32
            && value.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }

    private static func displayOrder(_ lhs: LogField, _ rhs: LogField) -> Bool {
        let order = LogMetadataKey.preferredOrder
        let left = order.firstIndex(of: lhs.key) ?? order.count
        let right = order.firstIndex(of: rhs.key) ?? order.count
        return left != right ? left < right : lhs.key < rhs.key
    }
}
