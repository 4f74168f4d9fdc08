/// The state store could not do what was asked.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case stateDirectoryUnavailable, stateDatabaseUnavailable, stateDatabaseNotMovable, stateDatabaseFailed
    }

    private let code: Code
    public let description: String

    static func cannotCreateDirectory(_ path: String, reason: String) -> StateStoreError {
        StateStoreError(
            code: .stateDirectoryUnavailable,
            description: "cannot create the state folder \(path): \(reason)"
        )
    }

    static func cannotOpen(_ path: String, reason: String) -> StateStoreError {
        StateStoreError(
            code: .stateDatabaseUnavailable,
            description: "cannot open the state database \(path): \(reason)"
        )
    }

    static func cannotMoveAside(_ path: String, reason: String) -> StateStoreError {
        StateStoreError(
            code: .stateDatabaseNotMovable,
            description: "the state database \(path) is unreadable and could not be moved aside: \(reason)"
        )
    }

    static func databaseFailed(_ operation: String, _ error: any Error) -> StateStoreError {
        StateStoreError(
            code: .stateDatabaseFailed,
            description: "state database: \(operation) failed: \(String(describing: error))"
        )
    }

    /// Short, payload-free name for log fields.
    public var name: String { code.rawValue }
}
