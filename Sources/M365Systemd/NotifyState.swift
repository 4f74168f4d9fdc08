import CSystemd

/// One assignment of the sd_notify protocol.
public enum NotifyState: Sendable, Equatable {
    /// `READY=1`: start-up or a reload has finished.
    case ready
    /// `RELOADING=1` with `MONOTONIC_USEC=` (needed by `Type=notify-reload`).
    case reloading
    /// `STOPPING=1`: a graceful stop has begun.
    case stopping
    /// `WATCHDOG=1`: the keep-alive ping.
    case watchdog
    /// `STATUS=`: a one-line summary for `systemctl status`; newlines become spaces.
    case status(String)
    /// `MAINPID=`: the service's main process.
    case mainPID(Int32)

    /// The `NAME=value` lines this state contributes to a datagram.
    func lines(monotonicMicroseconds: () -> UInt64) -> [String] {
        switch self {
        case .ready: ["READY=1"]
        case .reloading: ["RELOADING=1", "MONOTONIC_USEC=\(monotonicMicroseconds())"]
        case .stopping: ["STOPPING=1"]
        case .watchdog: ["WATCHDOG=1"]
        case .status(let text): ["STATUS=" + Self.singleLine(text)]
        case .mainPID(let pid): ["MAINPID=\(pid)"]
        }
    }

    /// Builds the datagram for `states`, one assignment per line.
    static func datagram(_ states: [NotifyState]) -> String {
        states.flatMap { $0.lines(monotonicMicroseconds: { m365_monotonic_usec() }) }.joined(separator: "\n")
    }

    private static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
