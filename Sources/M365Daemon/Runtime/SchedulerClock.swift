import Dispatch
import Foundation
import M365Core
import M365Primitives

/// The clock the daemon reads to feed the scheduler; injected so tests can control time.
public protocol SchedulerClock: Sendable {
    /// The current instant on a monotonic timeline.
    func now() -> SchedulerInstant
    /// The wall-clock date of `instant`, for status lines and the state store.
    func date(of instant: SchedulerInstant) -> Date
}

/// The system's monotonic clock, the one Dispatch timers use.
public struct SystemSchedulerClock: SchedulerClock {
    public init() {}

    public func now() -> SchedulerInstant {
        SchedulerInstant(offset: .nanoseconds(Int64(clamping: DispatchTime.now().uptimeNanoseconds)))
    }

    public func date(of instant: SchedulerInstant) -> Date {
        Date().addingTimeInterval((instant - now()).timeInterval)
    }
}
