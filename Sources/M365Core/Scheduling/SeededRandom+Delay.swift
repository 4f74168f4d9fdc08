import M365Primitives

extension SeededRandom {
    /// A uniformly drawn delay between zero and `limit`, both included, at nanosecond resolution (jitter:
    /// deterministic in tests, seeded from the system in the daemon).
    public mutating func delay(upTo limit: Duration) -> Duration {
        let nanoseconds = limit.nanosecondsClamped
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &self))
    }
}
