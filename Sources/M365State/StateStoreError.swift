/// The state store could not do what was asked.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case cannotCreateDirectory(path: String, reason: String)
        case cannotOpen(path: String, reason: String)
        case cannotMoveAside(path: String, reason: String)
        case databaseFailed(operation: String, reason: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    static func cannotCreateDirectory(_ path: String, reason: String) -> StateStoreError {
        StateStoreError(.cannotCreateDirectory(path: path, reason: reason))
    }

    static func cannotOpen(_ path: String, reason: String) -> StateStoreError {
        StateStoreError(.cannotOpen(path: path, reason: reason))
    }

    static func cannotMoveAside(_ path: String, reason: String) -> StateStoreError {
        StateStoreError(.cannotMoveAside(path: path, reason: reason))
    }

    static func databaseFailed(_ operation: String, _ error: any Error) -> StateStoreError {
        StateStoreError(.databaseFailed(operation: operation, reason: String(describing: error)))
    }

    /// Short, payload-free name for log fields.
    public var name: String {
        switch code {
        case .cannotCreateDirectory: "stateDirectoryUnavailable"
        case .cannotOpen: "stateDatabaseUnavailable"
        case .cannotMoveAside: "stateDatabaseNotMovable"
        case .databaseFailed: "stateDatabaseFailed"
        }
    }

    public var description: String {
        switch code {
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the state folder \(path): \(reason)"
        case .cannotOpen(let path, let reason):
            "cannot open the state database \(path): \(reason)"
        case .cannotMoveAside(let path, let reason):
            "the state database \(path) is unreadable and could not be moved aside: \(reason)"
        case .databaseFailed(let operation, let reason):
            "state database: \(operation) failed: \(reason)"
        }
    }
}
