import M365Core
import Testing

@Suite("Scheduler: stop")
struct SchedulerStopTests {
    @Test("with nothing running, stopping is immediate")
    func stopIdle() {
        var harness = SchedulerHarness()
        harness.configure([job("a", runOnStart: false)])
        #expect(harness.stop() == [.stopped, .cancelTimer])
        #expect(harness.machine.mode == .stopped)
    }

    @Test("stopping asks running jobs to wind down, starts nothing new, and ends when the last run ends")
    func stopWaitsForRuns() {
        var harness = SchedulerHarness()
        harness.configure(
            [job("a"), job("b"), job("c"), job("d", every: minute, runOnStart: false)],
            maxConcurrentJobs: 2
        )
        let stop = harness.stop()
        #expect(stop == [.cancelRuns, .cancelTimer])
        #expect(harness.machine.queue.isEmpty)
        #expect(harness.triggerAll().isEmpty)
        #expect(harness.send(.timerFired(at: .zero + .minutes(5))).isEmpty)
        #expect(harness.configure([job("e")]).isEmpty, "no reload while stopping")
        #expect(harness.finish("a").isEmpty)
        #expect(harness.finish("b", .failed) == [.stopped])
        #expect(harness.log.started == ["a", "b"])
    }

    @Test("a second stop request forces the exit")
    func secondStopForces() {
        var harness = SchedulerHarness()
        harness.configure([job("a")])
        harness.stop()
        #expect(harness.stop() == [.forceExit])
    }

    @Test("stopping before any configuration is immediate")
    func stopBeforeConfigure() {
        var harness = SchedulerHarness()
        #expect(harness.stop() == [.stopped])
    }
}
