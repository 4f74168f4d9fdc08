import SystemPackage

/// A log backend could not be set up.
public struct LoggingSetupError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case logDirectoryUnavailable, logFileUnavailable
    }

    private let code: Code
    public let description: String

    static func cannotCreateDirectory(_ path: String, reason: String) -> LoggingSetupError {
        LoggingSetupError(
            code: .logDirectoryUnavailable,
            description: "cannot create the log folder \(path): \(reason)"
        )
    }

    static func cannotOpenFile(_ path: String, errno: Errno) -> LoggingSetupError {
        LoggingSetupError(
            code: .logFileUnavailable,
            description:
                "cannot open the log file \(path): \(errno); fix its permissions or set logging.file.enabled to false"
        )
    }

    /// Short, payload-free name for log fields.
    public var name: String { code.rawValue }
}
