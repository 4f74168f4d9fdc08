/// Metadata keys with a fixed meaning; each becomes `M365SYNC_<KEY>` in the journal.
public enum LogMetadataKey {
    /// Becomes the journal's `MESSAGE_ID` (not prefixed); set by `Logger.audit`.
    public static let messageID = "message_id"
    /// The audit event's name, e.g. `contactAdded`.
    public static let event = "event"
    public static let job = "job"
    /// The id of one run of a job.
    public static let run = "run"
    /// Mailbox or target domain.
    public static let target = "target"
    /// `add`, `update`, `remove`.
    public static let action = "action"
    public static let sourceID = "source_id"
    public static let status = "status"
    /// Names of changed fields, comma separated.
    public static let fields = "fields"
    public static let error = "error"

    /// Keys written first, in this order, by the file and stderr backends.
    static let preferredOrder = [event, job, run, target, action, sourceID, status, fields]
}
