import M365Core
import Testing

@Suite("Scheduler: overlap and concurrency")
struct SchedulerConcurrencyTests {
    @Test("a job never overlaps itself, however often its slot comes round")
    func noOverlap() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: minute)])
        harness.advance(by: .minutes(10))
        harness.triggerAll()
        harness.triggerAll()
        #expect(harness.log.started == ["a"])
        #expect(harness.machine.runningCount == 1)
    }

    @Test("independent jobs run concurrently up to maxConcurrentJobs; the rest wait their turn")
    func concurrencyCap() {
        var harness = SchedulerHarness()
        let actions = harness.configure([job("a"), job("b"), job("c")], maxConcurrentJobs: 2)
        #expect(actions.started == ["a", "b"])
        #expect(harness.phase("c") == .queued(trigger: .startup))
        #expect(harness.machine.queue == ["c"])
        harness.advance(by: minute)
        #expect(harness.finish("b").started == ["c"])
        #expect(harness.running == ["a", "c"])
    }

    @Test("the queue is first come, first served: a job due again goes behind those already waiting")
    func fairQueue() {
        var harness = SchedulerHarness()
        harness.configure(
            [job("a", every: minute), job("b", every: minute), job("c", every: minute)],
            maxConcurrentJobs: 1
        )
        #expect(harness.log.started == ["a"])
        harness.advance(by: .minutes(5))
        #expect(harness.finish("a").started == ["b"], "a is due again at once but b was queued first")
        #expect(harness.machine.queue == ["c", "a"])
        #expect(harness.finish("b").started == ["c"])
        #expect(harness.finish("c").started == ["a"])
        #expect(harness.finish("a").started == [], "b and c ran at 5m and are due again at 6m")
        #expect(harness.advance(by: minute).started == ["a"], "the timer's due jobs start in due order, then by name")
    }

    @Test("lowering maxConcurrentJobs lets running jobs finish and starts fewer afterwards")
    func lowerCapOnReload() {
        var harness = SchedulerHarness()
        let jobs = [job("a"), job("b"), job("c")]
        harness.configure(jobs, maxConcurrentJobs: 2)
        harness.configure(jobs, maxConcurrentJobs: 1)
        #expect(harness.running == ["a", "b"])
        #expect(harness.finish("a").started == [], "still one running, the cap is 1")
        #expect(harness.finish("b").started == ["c"])
    }

    @Test("raising maxConcurrentJobs starts queued jobs at once")
    func raiseCapOnReload() {
        var harness = SchedulerHarness()
        let jobs = [job("a"), job("b"), job("c")]
        harness.configure(jobs, maxConcurrentJobs: 1)
        #expect(harness.configure(jobs, maxConcurrentJobs: 3).started == ["b", "c"])
    }

    @Test("a non-positive cap is treated as one")
    func capAtLeastOne() {
        var harness = SchedulerHarness()
        #expect(harness.configure([job("a"), job("b")], maxConcurrentJobs: 0).started == ["a"])
    }
}

@Suite("Scheduler: retries with backoff")
struct SchedulerBackoffTests {
    @Test("delays double from the initial one and stop at the maximum")
    func backoffPolicy() {
        let backoff = SchedulerBackoff(initial: minute, maximum: .minutes(10))
        let delays = (1...6).map { backoff.delay(afterFailures: $0) }
        #expect(delays == [minute, .minutes(2), .minutes(4), .minutes(8), .minutes(10), .minutes(10)])
        #expect(backoff.delay(afterFailures: 1_000) == .minutes(10))
    }

    @Test("a failed run is retried after 1m, 2m, 4m … while that is sooner than the regular run")
    func retriesBeforeRegularSlot() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: .minutes(60))])
        harness.finish("a", .failed)
        #expect(harness.phase("a") == .waiting(due: .zero + minute, trigger: .retry(attempt: 1)))
        var run = harness.advance(by: minute)
        #expect(run.triggers == [.retry(attempt: 1)])
        harness.finish("a", .failed)
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(3), trigger: .retry(attempt: 2)))
        run = harness.advance(by: .minutes(2))
        #expect(run.triggers == [.retry(attempt: 2)])
        harness.finish("a", .failed)
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(7), trigger: .retry(attempt: 3)))
        #expect(harness.machine.jobs["a"]?.consecutiveFailures == 3)
    }

    @Test("when the retry would come after the regular run, the regular run is kept")
    func retryNeverPastRegular() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: .minutes(3))])
        harness.finish("a", .failed)
        #expect(harness.phase("a") == .waiting(due: .zero + minute, trigger: .retry(attempt: 1)))
        harness.advance(by: minute)
        harness.finish("a", .failed)
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(3), trigger: .retry(attempt: 2)))
        harness.advance(by: .minutes(2))
        harness.finish("a", .failed)
        #expect(
            harness.phase("a") == .waiting(due: .zero + .minutes(6), trigger: .interval),
            "a 4m retry at 7m would not come before the regular run at 3m + 3m"
        )
        #expect(harness.machine.jobs["a"]?.consecutiveFailures == 3)
    }

    @Test("a success resets the failure count and returns to the interval")
    func successResets() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: .minutes(60))])
        harness.finish("a", .failed)
        harness.advance(by: minute)
        harness.finish("a", .succeeded)
        #expect(harness.machine.jobs["a"]?.consecutiveFailures == 0)
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(61), trigger: .interval))
        #expect(harness.machine.jobs["a"]?.lastOutcome == .succeeded)
    }
}
