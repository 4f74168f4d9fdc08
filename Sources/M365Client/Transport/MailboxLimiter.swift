import Foundation
import M365Primitives

/// Holds requests to one mailbox to at most `limit` at a time (Outlook allows 4 concurrent per app and mailbox),
/// and holds all of them while the service has said to wait.
///
/// A `$batch` for a mailbox takes as many slots as the service runs at once for it (up to 4), so that
/// two batches, or a batch and single requests, never exceed the limit together.
///
/// Outlook throttles per app and mailbox: once one request of a mailbox is throttled, so is the next one sent
/// before its `Retry-After` has passed. A throttled request therefore pauses its whole mailbox
/// (``pause(_:for:clock:)``): requests that want to start meanwhile wait for the pause instead of being
/// throttled in turn, and every request of the mailbox is throttled at most once per pause.
actor MailboxLimiter {
    private struct Waiter {
        var slots: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    /// A mailbox's pause: when it ends, and who waits for it.
    private struct Pause {
        var until: Date
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    let limit: Int
    private var inUse: [String: Int] = [:]
    private var waiters: [String: [Waiter]] = [:]
    private var peak: [String: Int] = [:]
    private var pauses: [String: Pause] = [:]
    /// Time a mailbox has been paused since the service last answered one of its requests with success.
    private var stalled: [String: Duration] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Waits until the mailbox is not paused and `slots` of its slots are free, and takes them.
    func acquire(_ mailbox: String, slots: Int) async {
        let key = mailbox.lowercased()
        while pauses[key] != nil { await waitForPause(key) }
        let wanted = min(max(1, slots), limit)
        if waiters[key, default: []].isEmpty, inUse[key, default: 0] + wanted <= limit {
            take(key, wanted)
            return
        }
        await withCheckedContinuation { continuation in
            waiters[key, default: []].append(Waiter(slots: wanted, continuation: continuation))
        }
    }

    /// Returns slots taken by `acquire` and wakes waiters in order.
    func release(_ mailbox: String, slots: Int) {
        let key = mailbox.lowercased()
        let taken = min(max(1, slots), limit)
        inUse[key, default: 0] -= taken
        while let first = waiters[key]?.first, inUse[key, default: 0] + first.slots <= limit {
            waiters[key]?.removeFirst()
            take(key, first.slots)
            first.continuation.resume()
        }
        if inUse[key] == 0, waiters[key]?.isEmpty ?? true {
            inUse[key] = nil
            waiters[key] = nil
        }
    }

    /// Pauses `mailbox` for `delay` (the service's `Retry-After`) and returns when the pause is over.
    ///
    /// The first throttled request sleeps on `clock`; one throttled while the mailbox is already paused
    /// lengthens the pause if it asks for longer, and waits for its end. Throws when the sleep is cancelled;
    /// the pause ends then too.
    func pause(_ mailbox: String, for delay: Duration, clock: ClientClock) async throws {
        let key = mailbox.lowercased()
        let until = clock.now().addingTimeInterval(delay.timeInterval)
        if var current = pauses[key] {
            current.until = max(current.until, until)
            pauses[key] = current
            await waitForPause(key)
            return
        }
        pauses[key] = Pause(until: until)
        stalled[key, default: .zero] += delay
        defer { endPause(key) }
        try await clock.sleep(delay)
        try await sleepOutLengthenings(key, from: until, clock: clock)
    }

    /// Notes that the service answered a request of `mailbox` with success: it is not stalled.
    func progressed(_ mailbox: String) {
        stalled[mailbox.lowercased()] = nil
    }

    /// Time `mailbox` has been paused since its last success (for the retry policy's wait budget).
    func stalledTime(_ mailbox: String) -> Duration { stalled[mailbox.lowercased(), default: .zero] }

    /// Requests waiting for the end of `mailbox`'s pause (for tests).
    func waitingForPause(_ mailbox: String) -> Int { pauses[mailbox.lowercased()]?.waiters.count ?? 0 }

    /// The most slots ever held at once for a mailbox.
    func peakSlots(_ mailbox: String) -> Int { peak[mailbox.lowercased(), default: 0] }

    private func take(_ key: String, _ slots: Int) {
        inUse[key, default: 0] += slots
        peak[key] = max(peak[key, default: 0], inUse[key, default: 0])
    }

    /// Sleeps on from `reached` while requests throttled during the pause have lengthened it.
    private func sleepOutLengthenings(_ key: String, from start: Date, clock: ClientClock) async throws {
        var reached = start
        while let until = pauses[key]?.until, until > reached {
            let step = Duration.milliseconds(Int64((until.timeIntervalSince(reached) * 1000).rounded(.up)))
            stalled[key, default: .zero] += step
            try await clock.sleep(step)
            reached = until
        }
    }

    private func waitForPause(_ key: String) async {
        guard pauses[key] != nil else { return }
        await withCheckedContinuation { continuation in
            pauses[key]?.waiters.append(continuation)
        }
    }

    private func endPause(_ key: String) {
        let ended = pauses.removeValue(forKey: key)
        for waiter in ended?.waiters ?? [] { waiter.resume() }
    }
}
