import M365Core
import Testing

@Suite("Scheduler: reload")
struct SchedulerReloadTests {
    @Test("an unchanged job keeps its schedule and state")
    func unchangedKeeps() {
        var harness = SchedulerHarness()
        let a = job("a", every: .minutes(60), jitter: .minutes(5))
        harness.configure([a])
        harness.finish("a", .failed)
        let before = harness.machine.jobs["a"]
        harness.advance(by: .seconds(30))
        let actions = harness.configure([a])
        #expect(actions.isEmpty)
        #expect(harness.machine.jobs["a"] == before)
    }

    @Test("a removed idle job leaves the schedule at once")
    func removeIdle() {
        var harness = SchedulerHarness()
        harness.configure([job("a", runOnStart: false), job("b", every: .minutes(5), runOnStart: false)])
        let actions = harness.configure([job("a", runOnStart: false)])
        #expect(actions.contains(.unscheduled(job: "b")))
        #expect(actions.contains(.armTimer(at: .zero + .minutes(30))))
        #expect(harness.machine.jobs["b"] == nil)
    }

    @Test("a removed running job finishes its run, is not rerun, then leaves")
    func removeRunning() {
        var harness = SchedulerHarness()
        harness.configure([job("a"), job("b")])
        harness.triggerAll()
        let reload = harness.configure([job("a")])
        #expect(!reload.contains(.unscheduled(job: "b")))
        #expect(harness.running == ["a", "b"])
        let finished = harness.finish("b")
        #expect(finished.contains(.unscheduled(job: "b")))
        #expect(finished.started == [])
        #expect(harness.machine.jobs["b"] == nil)
    }

    @Test("a queued job that is removed never starts")
    func removeQueued() {
        var harness = SchedulerHarness()
        harness.configure([job("a"), job("b")], maxConcurrentJobs: 1)
        harness.configure([job("a")], maxConcurrentJobs: 1)
        #expect(harness.machine.queue.isEmpty)
        #expect(harness.finish("a").started == [])
    }

    @Test("disabling a job removes it")
    func disableRemoves() {
        var harness = SchedulerHarness()
        harness.configure([job("a", runOnStart: false)])
        #expect(
            harness.configure([job("a", runOnStart: false, enabled: false)]) == [
                .unscheduled(job: "a"), .cancelTimer,
            ]
        )
    }

    @Test("a new job starts: at once with runOnStart, else after one interval")
    func addJobs() {
        var harness = SchedulerHarness()
        harness.configure([job("a", runOnStart: false)])
        harness.advance(by: .minutes(10))
        let actions = harness.configure([
            job("a", runOnStart: false), job("b"), job("c", every: .minutes(5), runOnStart: false),
        ])
        #expect(actions.started == ["b"])
        #expect(actions.contains(.scheduled(job: "c", at: .zero + .minutes(15))))
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(30), trigger: .interval))
    }

    @Test("a changed idle job starts over as new")
    func changedIdle() {
        var harness = SchedulerHarness()
        harness.configure([job("a", runOnStart: false)])
        harness.advance(by: minute)
        let actions = harness.configure([job("a", runOnStart: true, dryRun: true)])
        #expect(actions.started == ["a"])
        #expect(actions.triggers == [.startup])
        guard
            case .startRun(let definition, _) = actions.first(where: { if case .startRun = $0 { true } else { false } })
        else {
            Issue.record("no start")
            return
        }
        #expect(definition.dryRun)
    }

    @Test("a changed running job finishes its run, then starts over with the new definition")
    func changedRunning() {
        var harness = SchedulerHarness()
        harness.configure([job("a", every: .minutes(60))])
        harness.finish("a", .failed)
        harness.advance(by: minute)
        #expect(harness.running == ["a"])
        harness.configure([job("a", every: .minutes(10), runOnStart: false)])
        #expect(harness.machine.jobs["a"]?.consecutiveFailures == 0)
        harness.advance(by: minute)
        let finished = harness.finish("a")
        #expect(finished.started == [])
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(12), trigger: .interval))
    }

    @Test("a job removed and re-added while running keeps going as before")
    func removedThenReadded() {
        var harness = SchedulerHarness()
        let a = job("a")
        harness.configure([a])
        harness.configure([])
        harness.configure([a])
        let finished = harness.finish("a")
        #expect(!finished.contains(.unscheduled(job: "a")))
        #expect(harness.phase("a") == .waiting(due: .zero + .minutes(30), trigger: .interval))
    }

    @Test("a job whose tenant changed starts over; a renamed file alone changes nothing")
    func revisions() {
        var harness = SchedulerHarness()
        let a = job("a", runOnStart: false)
        let tenant = TenantConfiguration(
            name: "contoso",
            tenantId: "contoso.onmicrosoft.com",
            clientId: "id",
            credential: .clientSecret(file: "/etc/m365sync/secrets/contoso.secret")
        )
        var moved = tenant
        moved.credential = .clientSecret(file: "/etc/m365sync/secrets/other.secret")
        func configuration(_ job: JobDefinition, _ tenant: TenantConfiguration) -> SchedulerConfiguration {
            var stripped = job
            stripped.file = ""
            return SchedulerConfiguration(
                jobs: [job],
                maxConcurrentJobs: 2,
                revisions: [job.name: EffectiveJobDefinition(job: stripped, tenants: [tenant])]
            )
        }
        harness.send(.configure(configuration(a, tenant), at: harness.now))
        harness.advance(by: minute)
        var renamed = a
        renamed.file = "jobs.d/renamed.json"
        #expect(harness.send(.configure(configuration(renamed, tenant), at: harness.now)).isEmpty)
        #expect(harness.machine.jobs["a"]?.definition.file == "jobs.d/renamed.json")
        let actions = harness.send(.configure(configuration(renamed, moved), at: harness.now))
        #expect(actions.contains(.scheduled(job: "a", at: .zero + .minutes(31))))
    }
}
