#if canImport(Glibc)
import Glibc
#endif

/// The signals the daemon acts on.
public enum DaemonSignal: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SIGHUP: reload the configuration, reopen log files.
    case reload
    /// SIGUSR1: run every enabled job now.
    case runAll
    /// SIGTERM: graceful stop; a second one exits at once.
    case terminate
    /// SIGINT: like SIGTERM (Ctrl-C in the foreground).
    case interrupt

    /// The signal with this number, if the daemon acts on it.
    public init?(number: Int32) {
        guard let signal = Self.allCases.first(where: { $0.number == number }) else { return nil }
        self = signal
    }

    public var number: Int32 {
        switch self {
        case .reload: SIGHUP
        case .runAll: SIGUSR1
        case .terminate: SIGTERM
        case .interrupt: SIGINT
        }
    }

    public var description: String {
        switch self {
        case .reload: "SIGHUP"
        case .runAll: "SIGUSR1"
        case .terminate: "SIGTERM"
        case .interrupt: "SIGINT"
        }
    }
}
