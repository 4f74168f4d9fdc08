import Foundation
import M365Primitives
import Synchronization
import Testing

@testable import M365Client

/// A clock whose sleeps last until the test opens them, announced one by one; its time moves only when a sleep is
/// opened (by that sleep's length), so what the limiter computes from it does not depend on the machine's speed.
private final class GatedSleeper: Sendable {
    private let gates = Mutex<[(gate: CheckedContinuation<Void, Never>, length: Duration)]>([])
    private let time = Mutex(Date(timeIntervalSince1970: 1_000_000))
    let sleeps: AsyncStream<Duration>
    private let announce: AsyncStream<Duration>.Continuation

    init() {
        (sleeps, announce) = AsyncStream.makeStream(of: Duration.self)
    }

    var clock: ClientClock {
        ClientClock(now: { [self] in time.withLock { $0 } }) { [self] duration in
            await withCheckedContinuation { continuation in
                gates.withLock { $0.append((continuation, duration)) }
                announce.yield(duration)
            }
        }
    }

    /// Ends every sleep in progress; the clock moves on by the longest of them.
    func open() {
        let opened = gates.withLock { gates in
            defer { gates = [] }
            return gates
        }
        let longest = opened.map(\.length).max() ?? .zero
        time.withLock { $0 = $0.addingTimeInterval(longest.timeInterval) }
        for entry in opened { entry.gate.resume() }
    }
}

@Suite struct MailboxPauseTests {
    @Test func aThrottledRequestPausesItsMailboxUntilTheLongestRetryAfter() async throws {
        let limiter = MailboxLimiter(limit: 4)
        let sleeper = GatedSleeper()
        var sleeps = sleeper.sleeps.makeAsyncIterator()
        let first = Task { try await limiter.pause("M", for: .seconds(2), clock: sleeper.clock) }
        #expect(await sleeps.next() == .seconds(2))
        let waiting = Task { await limiter.acquire("m", slots: 1) }
        let second = Task { try await limiter.pause("m", for: .seconds(3), clock: sleeper.clock) }
        while await limiter.waitingForPause("m") < 2 { await Task.yield() }
        // Another mailbox is not held.
        await limiter.acquire("other", slots: 4)
        await limiter.release("other", slots: 4)

        sleeper.open()
        let lengthening = await sleeps.next()
        #expect(lengthening == .seconds(1), "the second pause ends a second after the first")
        #expect(await limiter.waitingForPause("m") == 2, "nobody starts before the lengthened pause ends")
        sleeper.open()
        try await first.value
        try await second.value
        await waiting.value
        #expect(await limiter.peakSlots("m") == 1)
        #expect(await limiter.stalledTime("m") == .seconds(2) + (lengthening ?? .zero))
        await limiter.progressed("M")
        #expect(await limiter.stalledTime("m") == .zero)
    }
}
