import Foundation
import Testing

@testable import M365Client

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()

    func decide(
        _ failure: RetryPolicy.Failure,
        attempt: Int = 1,
        idempotent: Bool = true,
        elapsed: Duration = .zero,
        runWaited: Duration = .zero
    ) -> RetryPolicy.Decision {
        policy.decide(
            attempt: attempt,
            failure: failure,
            idempotent: idempotent,
            elapsed: elapsed,
            runWaited: runWaited,
            jitter: 0.5
        )
    }

    @Test(arguments: [408, 429, 502, 503, 504])
    func retryableStatusesAreRetried(status: Int) {
        #expect(decide(.status(status, retryAfter: nil)) != .giveUp)
    }

    @Test(arguments: [400, 401, 403, 404, 409, 410, 500, 501])
    func otherStatusesAreNot(status: Int) {
        #expect(decide(.status(status, retryAfter: nil)) == .giveUp)
    }

    @Test func retryAfterIsHonouredAndCapped() {
        #expect(decide(.status(429, retryAfter: .milliseconds(2128))) == .retry(after: .milliseconds(2128)))
        #expect(decide(.status(429, retryAfter: .seconds(600))) == .retry(after: policy.maxDelay))
    }

    @Test func backoffGrowsExponentiallyWithJitterAndCap() {
        #expect(policy.backoff(attempt: 1, jitter: 0) == .milliseconds(500))
        #expect(policy.backoff(attempt: 1, jitter: 1) == .seconds(1))
        #expect(policy.backoff(attempt: 3, jitter: 1) == .seconds(4))
        #expect(policy.backoff(attempt: 3, jitter: 0.5) == .seconds(3))
        #expect(policy.backoff(attempt: 30, jitter: 1) == policy.maxDelay)
    }

    @Test func attemptsAreBounded() {
        #expect(decide(.status(503, retryAfter: nil), attempt: policy.maxAttempts - 1) != .giveUp)
        #expect(decide(.status(503, retryAfter: nil), attempt: policy.maxAttempts) == .giveUp)
    }

    @Test func requestAndRunTimeAreBounded() {
        #expect(decide(.status(429, retryAfter: .seconds(10)), elapsed: .seconds(295)) == .giveUp)
        #expect(decide(.status(429, retryAfter: .seconds(10)), runWaited: .seconds(1195)) == .giveUp)
        #expect(decide(.status(429, retryAfter: .seconds(10)), runWaited: .seconds(1100)) != .giveUp)
    }

    @Test func aThrottledMailboxWaitsOutItsWindowBoundedByItsPausesWithoutProgress() {
        func pause(
            _ retryAfter: Duration?,
            attempt: Int = 1,
            elapsed: Duration = .zero,
            stalled: Duration = .zero
        )
            -> RetryPolicy.Decision
        {
            policy.decide(
                attempt: attempt,
                failure: .status(429, retryAfter: retryAfter),
                idempotent: false,
                elapsed: elapsed,
                runWaited: stalled,
                jitter: 0.5,
                pausesMailbox: true
            )
        }
        #expect(pause(.seconds(540)) == .retry(after: .seconds(540)))
        #expect(pause(.seconds(900)) == .retry(after: policy.maxMailboxPause))
        #expect(pause(.seconds(540), elapsed: .seconds(400)) == .retry(after: .seconds(540)))
        #expect(pause(nil, attempt: 3) == .retry(after: .seconds(3)))
        #expect(pause(.seconds(540), stalled: .seconds(700)) == .giveUp)
        #expect(pause(.seconds(10), attempt: policy.maxAttempts) == .giveUp)
    }

    @Test func nonIdempotentRequestsRetryOnlyWhenNotApplied() {
        #expect(decide(.status(429, retryAfter: nil), idempotent: false) != .giveUp)
        #expect(decide(.status(503, retryAfter: nil), idempotent: false) != .giveUp)
        #expect(decide(.status(504, retryAfter: nil), idempotent: false) == .giveUp)
        #expect(decide(.status(502, retryAfter: nil), idempotent: false) == .giveUp)
        #expect(decide(.status(408, retryAfter: nil), idempotent: false) == .giveUp)
        #expect(decide(.transport(reachedServer: false), idempotent: false) != .giveUp)
        #expect(decide(.transport(reachedServer: true), idempotent: false) == .giveUp)
        #expect(decide(.transport(reachedServer: true), idempotent: true) != .giveUp)
        #expect(decide(.throttledMessage(retryAfter: nil), idempotent: false) != .giveUp)
    }
}

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func decimalSeconds() {
        #expect(RetryAfter.parse("2", now: now) == .seconds(2))
        #expect(RetryAfter.parse("2.128", now: now) == .milliseconds(2128))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("0.0001", now: now) == .milliseconds(1))
    }

    @Test func httpDate() {
        let later = now.addingTimeInterval(30)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryAfter.parse(formatter.string(from: later), now: now) == .seconds(30))
    }

    @Test func unreadableValuesAreIgnored() {
        #expect(RetryAfter.parse(nil, now: now) == nil)
        #expect(RetryAfter.parse("", now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-3", now: now) == nil)
        #expect(RetryAfter.parse("inf", now: now) == nil)
    }
}
