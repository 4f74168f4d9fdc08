/// Delays between retries of a failed job: `initial`, doubled per consecutive failure, capped at `maximum`.
///
/// A retry is only scheduled when it comes before the job's next regular run, so the delays stay below the interval.
public struct SchedulerBackoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration

    public init(initial: Duration = .seconds(60), maximum: Duration = .seconds(3600)) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// The delay before retry number `failures` (1 for the first failure).
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0, initial > .zero else { return initial }
        var delay = initial
        for _ in 1..<failures {
            if delay >= maximum / 2 { return maximum }
            delay = delay * 2
        }
        return min(delay, maximum)
    }
}
