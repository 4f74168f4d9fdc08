import SystemPackage

/// A job lock could not be taken.
public struct JobLockError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case held(job: String, holder: JobLockHolder?)
        case cannotCreateDirectory(path: String, reason: String)
        case cannotOpen(path: String, errno: Errno)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    static func held(job: String, holder: JobLockHolder?) -> JobLockError {
        JobLockError(.held(job: job, holder: holder))
    }

    static func cannotCreateDirectory(path: String, reason: String) -> JobLockError {
        JobLockError(.cannotCreateDirectory(path: path, reason: reason))
    }

    static func cannotOpen(path: String, errno: Errno) -> JobLockError {
        JobLockError(.cannotOpen(path: path, errno: errno))
    }

    /// Whether another process holds the lock (exit code 75, EX_TEMPFAIL, at the CLI).
    public var isHeldByAnother: Bool {
        if case .held = code { return true }
        return false
    }

    /// Who holds the lock, when that is the problem and the holder wrote itself down.
    public var holder: JobLockHolder? {
        if case .held(_, let holder) = code { return holder }
        return nil
    }

    /// Short, payload-free name for log fields.
    public var name: String {
        switch code {
        case .held: "jobLocked"
        case .cannotCreateDirectory: "lockDirectoryUnavailable"
        case .cannotOpen: "lockFileUnavailable"
        }
    }

    public var description: String {
        switch code {
        case .held(let job, let holder):
            "job \(job) is running in another process: \(holder?.description ?? "holder unknown")"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the lock folder \(path): \(reason)"
        case .cannotOpen(let path, let value):
            "cannot open the lock file \(path): \(value)"
        }
    }
}
