import M365Core
import Testing

@Suite("Scheduler: run now (SIGUSR1)")
struct SchedulerTriggerTests {
    @Test("every enabled waiting job starts now")
    func triggerStartsWaitingJobs() {
        var harness = SchedulerHarness()
        harness.configure([job("a", runOnStart: false), job("b", runOnStart: false)])
        harness.advance(by: minute)
        let actions = harness.triggerAll()
        #expect(actions.started == ["a", "b"])
        #expect(actions.triggers == [.manual, .manual])
        #expect(actions.contains(.cancelTimer))
    }

    @Test("a running job runs once more right after, however many requests arrive")
    func coalesced() {
        var harness = SchedulerHarness()
        harness.configure([job("a")])
        harness.triggerAll()
        harness.triggerAll()
        harness.triggerAll()
        let afterFirst = harness.finish("a")
        #expect(afterFirst.started == ["a"])
        #expect(afterFirst.triggers == [.manual])
        let afterSecond = harness.finish("a")
        #expect(afterSecond.started == [], "coalesced into one extra run, never stacked")
        #expect(harness.log.started == ["a", "a"])
    }

    @Test("a queued job is not queued twice")
    func queuedNotDuplicated() {
        var harness = SchedulerHarness()
        harness.configure([job("a"), job("b")], maxConcurrentJobs: 1)
        harness.triggerAll()
        #expect(harness.machine.queue == ["b"])
        #expect(harness.finish("a").started == ["b"])
        #expect(harness.finish("b").started == ["a"], "a's requested rerun")
        #expect(harness.finish("a").started == [])
    }

    @Test("a manual run restarts the cadence: the next regular run is one interval after it")
    func manualRunRestartsCadence() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: .minutes(30), runOnStart: false)])
        harness.advance(by: .minutes(20))
        harness.triggerAll()
        harness.finish("a")
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(50), trigger: .interval))
    }
}
