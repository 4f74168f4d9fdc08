import SystemPackage

/// A log backend could not be set up.
public struct LoggingSetupError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case logDirectoryUnavailable, logFileUnavailable
    }

    private let code: Code
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    static func cannotCreateDirectory(_ path: String, reason: String) -> LoggingSetupError {
        LoggingSetupError(.logDirectoryUnavailable, "cannot create the log folder \(path): \(reason)")
    }

    static func cannotOpenFile(_ path: String, errno: Errno) -> LoggingSetupError {
        LoggingSetupError(
            .logFileUnavailable,
            "cannot open the log file \(path): \(errno); fix its permissions or set logging.file.enabled to false"
        )
    }

    /// Short, payload-free name for log fields.
    public var name: String { code.rawValue }
}
