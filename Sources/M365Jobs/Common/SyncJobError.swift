/// Why a job or one of its targets could not be synchronised.
public struct SyncJobError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case unknownTenant, sourceReadFailed, targetReadFailed, folderNotOwned, mailboxUnavailable, stateUnavailable
        case internalInconsistency
    }

    private let code: Code
    public let description: String

    static func unknownTenant(_ name: String) -> Self {
        Self(code: .unknownTenant, description: "tenant '\(name)' is not defined in m365sync.json")
    }

    static func sourceReadFailed(_ error: any Error) -> Self {
        Self(code: .sourceReadFailed, description: "reading the source failed, nothing was changed: \(error)")
    }

    static func targetReadFailed(_ error: any Error) -> Self {
        Self(code: .targetReadFailed, description: "reading the target failed, nothing was changed there: \(error)")
    }

    static func folderNotOwned(_ path: String) -> Self {
        Self(
            code: .folderNotOwned,
            description:
                "a folder named '\(path)' exists that m365sync did not create; set \"adoptFolder\": true to use it"
        )
    }

    static func mailboxUnavailable(_ mailbox: String, _ error: any Error) -> Self {
        Self(code: .mailboxUnavailable, description: "mailbox '\(mailbox)' cannot be used: \(error)")
    }

    /// A state the code rules out was reached: the target is left alone this run.
    static func internalInconsistency(_ what: String) -> Self {
        Self(code: .internalInconsistency, description: "internal inconsistency, nothing was changed there: \(what)")
    }

    static func stateUnavailable(_ reason: String) -> Self {
        Self(
            code: .stateUnavailable,
            description: "the state database cannot record what is about to be written, nothing was: \(reason)"
        )
    }

    /// A short, payload-free name for log fields.
    public var name: String { code.rawValue }
}
