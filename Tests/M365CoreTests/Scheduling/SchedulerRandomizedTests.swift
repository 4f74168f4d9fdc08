import M365Core
import M365Primitives
import Testing

@Suite("Scheduler: randomized invariants")
struct SeededRandomizedTests {
    @Test(
        "random events never overlap a job, never exceed the cap, and every start is for a known job",
        arguments: 1...20
    )
    func invariants(seed: UInt64) {
        var random = SeededRandom(seed: seed &* 7919)
        var harness = SchedulerHarness(seed: seed)
        let pool = ["a", "b", "c", "d", "e"].map { name in
            job(
                name,
                every: .seconds(Int64.random(in: 30...600, using: &random)),
                jitter: .seconds(10),
                runOnStart: Bool.random(using: &random)
            )
        }
        var cap = 2
        harness.configure(pool, maxConcurrentJobs: cap)
        var running = Set(harness.log.started)
        for _ in 0..<400 {
            let actions: [SchedulerAction]
            switch Int.random(in: 0..<10, using: &random) {
            case 0...3:
                actions = harness.advance(by: .seconds(Int64.random(in: 1...120, using: &random)))
            case 4...6:
                guard let name = running.randomElement(using: &random) else { continue }
                running.remove(name)
                actions = harness.finish(name, Bool.random(using: &random) ? .succeeded : .failed)
            case 7:
                actions = harness.triggerAll()
            default:
                cap = Int.random(in: 1...3, using: &random)
                let subset = pool.filter { _ in Int.random(in: 0..<4, using: &random) > 0 }
                actions = harness.configure(subset, maxConcurrentJobs: cap)
            }
            for name in actions.started {
                #expect(!running.contains(name), "\(name) started while running")
                running.insert(name)
            }
            #expect(running == harness.running)
            if actions.started.count > 0 {
                #expect(running.count <= cap)
            }
            if let armed = harness.machine.armedTimer {
                #expect(armed == harness.machine.jobs.values.compactMap(\.nextDue).min())
            }
        }
        harness.stop()
        for name in running {
            harness.finish(name)
        }
        #expect(harness.machine.mode == .stopped)
        #expect(harness.log.filter { $0 == .stopped }.count == 1)
    }
}
