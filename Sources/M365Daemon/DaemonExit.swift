import M365Core

/// How `Daemon.run()` ended; the command turns it into the process exit code.
public enum DaemonExit: Sendable {
    /// Stopped gracefully (exit 0).
    case stopped
    /// The configuration at start was invalid (exit 78, EX_CONFIG); nothing was started.
    case configurationInvalid(ConfigurationError)
    /// The log backends, state store or another resource could not be set up (exit 1).
    case startFailed(String)
    /// Running jobs did not finish within the stop grace period (exit 1).
    case stopTimedOut
    /// A second stop signal arrived while stopping (exit 128 + signal number).
    case forced(DaemonSignal)

    public var exitCode: Int32 {
        switch self {
        case .stopped: 0
        case .configurationInvalid: 78
        case .startFailed, .stopTimedOut: 1
        case .forced(let signal): 128 + signal.number
        }
    }
}
