import SystemPackage

/// A job lock could not be taken.
public struct JobLockError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case jobLocked, lockDirectoryUnavailable, lockFileUnavailable
    }

    private let code: Code
    public let description: String
    /// Who holds the lock, when that is the problem and the holder wrote itself down.
    public private(set) var holder: JobLockHolder?

    static func held(job: String, holder: JobLockHolder?) -> JobLockError {
        var error = JobLockError(
            code: .jobLocked,
            description: "job \(job) is running in another process: \(holder?.description ?? "holder unknown")"
        )
        error.holder = holder
        return error
    }

    static func cannotCreateDirectory(path: String, reason: String) -> JobLockError {
        JobLockError(code: .lockDirectoryUnavailable, description: "cannot create the lock folder \(path): \(reason)")
    }

    static func cannotOpen(path: String, errno: Errno) -> JobLockError {
        JobLockError(code: .lockFileUnavailable, description: "cannot open the lock file \(path): \(errno)")
    }

    /// Whether another process holds the lock (exit code 75, EX_TEMPFAIL, at the CLI).
    public var isHeldByAnother: Bool { code == .jobLocked }

    /// Short, payload-free name for log fields.
    public var name: String { code.rawValue }
}
