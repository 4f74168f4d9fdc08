import Foundation

/// Time as the client sees it: wall time for token lifetimes and JWT claims, and sleeping for retries.
///
/// Tests inject a clock whose `sleep` returns at once (or shortens the wait) and records the request.
public struct ClientClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The real clock.
    public static let system = ClientClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) })
}
