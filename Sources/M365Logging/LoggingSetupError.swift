import SystemPackage

/// A log backend could not be set up.
public struct LoggingSetupError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case cannotCreateDirectory(path: String, reason: String)
        case cannotOpenFile(path: String, errno: Errno)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    static func cannotCreateDirectory(_ path: String, reason: String) -> LoggingSetupError {
        LoggingSetupError(.cannotCreateDirectory(path: path, reason: reason))
    }

    static func cannotOpenFile(_ path: String, errno: Errno) -> LoggingSetupError {
        LoggingSetupError(.cannotOpenFile(path: path, errno: errno))
    }

    /// Short, payload-free name for log fields.
    public var name: String {
        switch code {
        case .cannotCreateDirectory: "logDirectoryUnavailable"
        case .cannotOpenFile: "logFileUnavailable"
        }
    }

    public var description: String {
        switch code {
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the log folder \(path): \(reason)"
        case .cannotOpenFile(let path, let value):
            "cannot open the log file \(path): \(value); "
                + "fix its permissions or set logging.file.enabled to false"
        }
    }
}
