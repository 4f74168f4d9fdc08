/// A point on the scheduler's monotonic timeline, as an offset from an arbitrary origin.
///
/// The scheduler never reads a clock; whoever drives it converts its clock's readings to instants.
public struct SchedulerInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Time since the origin of the driving clock.
    public var offset: Duration

    public init(offset: Duration) {
        self.offset = offset
    }

    /// The origin itself.
    public static let zero = SchedulerInstant(offset: .zero)

    public static func < (lhs: SchedulerInstant, rhs: SchedulerInstant) -> Bool {
        lhs.offset < rhs.offset
    }

    public static func + (lhs: SchedulerInstant, rhs: Duration) -> SchedulerInstant {
        SchedulerInstant(offset: lhs.offset + rhs)
    }

    public static func - (lhs: SchedulerInstant, rhs: SchedulerInstant) -> Duration {
        lhs.offset - rhs.offset
    }

    public var description: String { "t+\(offset)" }
}
