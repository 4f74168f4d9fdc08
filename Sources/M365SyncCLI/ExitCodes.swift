import ArgumentParser

/// The exit status of every m365sync command.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything succeeded.
    case success = 0
    /// At least one job failed.
    case jobFailed = 1
    /// A job's removals were blocked by its safety limits, and no job failed.
    case blockedBySafety = 3
    /// Bad command line (EX_USAGE); argument-parser uses the same value for validation errors.
    case usage = 64
    /// A job is locked by another process (EX_TEMPFAIL).
    case locked = 75
    /// The configuration is invalid (EX_CONFIG); systemd must not restart the daemon (`RestartPreventExitStatus=78`).
    case configuration = 78

    /// The value to throw from a command's `run()`.
    public var exitCode: ExitCode { ExitCode(rawValue) }
}
