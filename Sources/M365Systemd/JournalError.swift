#if canImport(Glibc)
import Glibc
#endif

/// A journal entry could not be written.
public struct JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: String, Sendable, Equatable {
        case journalEmptyEntry, journalInvalidFieldName, journalSendFailed
    }

    private let code: Code
    public let description: String
    /// The errno of a failed send, if that is what happened.
    public private(set) var errno: Int32?

    static func emptyEntry() -> JournalError {
        JournalError(code: .journalEmptyEntry, description: "a journal entry needs at least one field")
    }

    static func invalidFieldName(_ name: String) -> JournalError {
        JournalError(
            code: .journalInvalidFieldName,
            description:
                "journal field name \"\(name)\" is not valid (A–Z, 0–9 and _, not starting with a digit or _, at most 64)"
        )
    }

    static func sendFailed(errno: Int32) -> JournalError {
        var error = JournalError(
            code: .journalSendFailed,
            description: "sd_journal_sendv failed: \(String(cString: strerror(errno))) (errno \(errno))"
        )
        error.errno = errno
        return error
    }

    /// Short, payload-free name for log fields.
    public var name: String { code.rawValue }
}
