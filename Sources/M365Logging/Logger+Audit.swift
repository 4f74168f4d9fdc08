import Logging

extension Logger {
    /// Logs an audit event: its constant message and `MESSAGE_ID`, with `metadata` (and `error`) as the event's fields.
    public func audit(
        _ event: AuditEvent,
        level: Logger.Level? = nil,
        _ message: @autoclosure () -> Logger.Message? = nil,
        error: (any Error)? = nil,
        metadata: @autoclosure () -> Logger.Metadata = [:],
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        let level = level ?? event.defaultLevel
        guard logLevel <= level else { return }
        var fields = metadata()
        fields[LogMetadataKey.messageID] = .string(event.messageID)
        fields[LogMetadataKey.event] = .string(event.rawValue)
        self.log(
            level: level,
            message() ?? event.defaultMessage,
            error: error,
            metadata: fields,
            file: file,
            function: function,
            line: line
        )
    }
}
