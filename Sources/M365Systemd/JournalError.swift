#if canImport(Glibc)
import Glibc
#endif

/// A journal entry could not be written.
public struct JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case emptyEntry
        case invalidFieldName(String)
        case sendFailed(Int32)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    static func emptyEntry() -> JournalError { JournalError(.emptyEntry) }
    static func invalidFieldName(_ name: String) -> JournalError { JournalError(.invalidFieldName(name)) }
    static func sendFailed(errno: Int32) -> JournalError { JournalError(.sendFailed(errno)) }

    /// Short, payload-free name for log fields.
    public var name: String {
        switch code {
        case .emptyEntry: "journalEmptyEntry"
        case .invalidFieldName: "journalInvalidFieldName"
        case .sendFailed: "journalSendFailed"
        }
    }

    /// The errno of a failed send, if that is what happened.
    public var errno: Int32? {
        if case .sendFailed(let value) = code { return value }
        return nil
    }

    public var description: String {
        switch code {
        case .emptyEntry:
            "a journal entry needs at least one field"
        case .invalidFieldName(let name):
            "journal field name \"\(name)\" is not valid (A–Z, 0–9 and _, not starting with a digit or _, at most 64)"
        case .sendFailed(let value):
            "sd_journal_sendv failed: \(String(cString: strerror(value))) (errno \(value))"
        }
    }
}
