import M365Core
import Testing

@Suite("Scheduler: timing")
struct SchedulerTimingTests {
    @Test("runOnStart jobs start at once, the others after one interval")
    func startup() {
        var harness = SchedulerHarness()
        let actions = harness.configure([job("a"), job("b", every: .minutes(10), runOnStart: false)])
        #expect(actions.started == ["a"])
        #expect(actions.triggers == [.startup])
        #expect(actions.contains(.scheduled(job: "b", at: .zero + .minutes(10))))
        #expect(actions.contains(.armTimer(at: .zero + .minutes(10))))
        #expect(harness.advance(by: .minutes(10) - .seconds(1)).started == [])
        #expect(harness.advance(by: .seconds(1)).started == ["b"])
    }

    @Test("the next run comes one interval after the previous one started")
    func intervalFromStart() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: .minutes(30))])
        harness.advance(by: .minutes(5))
        let finished = harness.finish("a")
        #expect(finished.contains(.scheduled(job: "a", at: .zero + .minutes(30))))
        #expect(finished.contains(.armTimer(at: .zero + .minutes(30))))
        let run = harness.advance(by: .minutes(25))
        #expect(run.started == ["a"])
        #expect(run.triggers == [.interval])
    }

    @Test("a run longer than its interval delays the next one, which starts once right after")
    func overrunDoesNotPileUp() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: .minutes(10))])
        #expect(harness.advance(by: .minutes(35)).started == [], "no start while it runs")
        let finished = harness.finish("a")
        #expect(finished.started == ["a"], "exactly one catch-up run, not three")
        harness.advance(by: .minutes(2))
        harness.finish("a")
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(45), trigger: .interval))
    }

    @Test("jitter delays regular runs by at most the jitter, and draws differ")
    func jitterBounds() {
        var dues: Set<SchedulerInstant> = []
        for seed in UInt64(1)...40 {
            var harness = SchedulerHarness(seed: seed)
            harness.configure([job("a", every: .minutes(30), jitter: .minutes(5), runOnStart: false)])
            guard case .waiting(let due, _) = harness.phase("a") else {
                Issue.record("job not waiting")
                return
            }
            #expect(due >= .zero + .minutes(30))
            #expect(due <= .zero + .minutes(35))
            dues.insert(due)
        }
        #expect(dues.count > 30)
    }

    @Test("the same seed gives the same jitter")
    func jitterDeterministic() {
        var first = SchedulerHarness(seed: 7)
        var second = SchedulerHarness(seed: 7)
        first.configure([job("a", jitter: minute, runOnStart: false)])
        second.configure([job("a", jitter: minute, runOnStart: false)])
        #expect(first.phase("a") == second.phase("a"))
    }

    @Test("the timer is armed for the earliest waiting job and cancelled when nothing waits")
    func timerFollowsEarliestDue() {
        var harness = SchedulerHarness()
        let actions = harness.configure([
            job("slow", every: .minutes(60), runOnStart: false),
            job("fast", every: .minutes(5), runOnStart: false),
        ])
        #expect(
            actions.filter { if case .armTimer = $0 { true } else { false } } == [.armTimer(at: .zero + .minutes(5))]
        )
        harness.configure([job("slow", every: .minutes(60), runOnStart: false)])
        #expect(harness.machine.armedTimer == .zero + .minutes(60))
        #expect(harness.configure([]).contains(.cancelTimer))
        #expect(harness.machine.armedTimer == nil)
    }

    @Test("a timer that fires early starts nothing and is armed again for the same instant")
    func earlyTimer() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: .minutes(5), runOnStart: false)])
        let actions = harness.send(.timerFired(at: .zero + .minutes(4)))
        #expect(actions == [.armTimer(at: .zero + .minutes(5))])
        #expect(harness.machine.armedTimer == .zero + .minutes(5))
    }

    @Test("disabled jobs are never scheduled")
    func disabledJobs() {
        var harness = SchedulerHarness()
        let actions = harness.configure([job("off", enabled: false), job("on")])
        #expect(actions.started == ["on"])
        #expect(harness.machine.jobs["off"] == nil)
        harness.triggerAll()
        #expect(harness.log.started == ["on"])
    }

    @Test("a finish for a job that is not running is ignored")
    func staleFinish() {
        var harness = SchedulerHarness()
        harness.configure([job("a", runOnStart: false)])
        #expect(harness.finish("a").isEmpty)
        #expect(harness.finish("ghost").isEmpty)
        #expect(harness.machine.jobs["a"]?.lastOutcome == nil)
    }
}
