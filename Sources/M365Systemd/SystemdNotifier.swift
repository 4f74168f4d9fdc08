import CSystemd
import Foundation
import Synchronization

/// Tells systemd about the service's state (sd_notify protocol); a no-op without `NOTIFY_SOCKET`.
public struct SystemdNotifier: Sendable {
    private let socketPath: String?
    private let counters: Counters

    /// The watchdog interval systemd expects pings within (`WATCHDOG_USEC` for this process), nil if none.
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(environment: environment, processID: getpid())
    }

    init(environment: [String: String], processID: Int32) {
        let socket = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        self.socketPath = socket
        self.counters = Counters()
        self.watchdogInterval = Self.watchdog(environment: environment, processID: processID)
    }

    /// Whether a notification socket is configured.
    public var isEnabled: Bool { socketPath != nil }

    /// Notifications that could not be delivered so far.
    public var failedNotifications: Int { counters.failures.load(ordering: .relaxed) }

    /// Sends `states` in one datagram; a failure is counted, never thrown.
    public func notify(_ states: NotifyState...) {
        notify(states)
    }

    /// Sends `states` in one datagram; a failure is counted, never thrown.
    ///
    /// It never blocks the caller for long, although a datagram socket makes its sender wait while the receiver's
    /// queue is full: a watchdog ping that finds the queue full is dropped (the next one follows), and any other
    /// state waits at most a second. The daemon sends from the queue that also handles its signals, and a receiver
    /// that stopped reading once held a SIGTERM there for good.
    public func notify(_ states: [NotifyState]) {
        guard let socketPath, !states.isEmpty else { return }
        let datagram = NotifyState.datagram(states)
        let timeoutMilliseconds: Int32 = states == [.watchdog] ? 0 : 1_000
        let result = datagram.withCString { pointer in
            m365_notify_to(socketPath, pointer, strlen(pointer), timeoutMilliseconds)
        }
        if result < 0 {
            counters.failures.add(1, ordering: .relaxed)
        }
    }

    private static func watchdog(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let pidText = environment["WATCHDOG_PID"], !pidText.isEmpty {
            guard let pid = Int32(pidText), pid == processID else { return nil }
        }
        return .microseconds(Int64(clamping: usec))
    }

    private final class Counters: Sendable {
        let failures = Atomic<Int>(0)
    }
}
