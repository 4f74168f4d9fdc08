import Foundation

/// Deadlines of tests that wait for an event, stretched on slow builds (sanitizers): `M365SYNC_TEST_TIME_SCALE`
/// (a number ≥ 1, set by `make sanitize`) multiplies them. A deadline only bounds a wait that ends at the event.
public enum TestTimeScale {
    /// The factor from `M365SYNC_TEST_TIME_SCALE`; 1 when unset or not a number ≥ 1.
    public static let factor: Double = {
        guard let text = ProcessInfo.processInfo.environment["M365SYNC_TEST_TIME_SCALE"],
            let value = Double(text), value >= 1, value.isFinite
        else { return 1 }
        return value
    }()

    /// `deadline` times ``factor``.
    public static func scaled(_ deadline: Duration) -> Duration {
        deadline * factor
    }
}
