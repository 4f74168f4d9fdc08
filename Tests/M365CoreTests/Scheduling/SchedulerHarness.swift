import M365Core
import M365Primitives

/// Drives a `SchedulerStateMachine` with an explicit timeline, the way the daemon's Dispatch bridge does.
struct SchedulerHarness {
    var machine: SchedulerStateMachine
    var now = SchedulerInstant.zero
    /// Every action returned so far, in order.
    var log: [SchedulerAction] = []

    init(seed: UInt64 = 1, backoff: SchedulerBackoff = SchedulerBackoff()) {
        machine = SchedulerStateMachine(backoff: backoff, random: SeededRandom(seed: seed))
    }

    @discardableResult
    mutating func send(_ event: SchedulerEvent) -> [SchedulerAction] {
        let actions = machine.handle(event)
        log += actions
        return actions
    }

    @discardableResult
    mutating func configure(_ jobs: [JobDefinition], maxConcurrentJobs: Int = 4) -> [SchedulerAction] {
        send(.configure(SchedulerConfiguration(jobs: jobs, maxConcurrentJobs: maxConcurrentJobs), at: now))
    }

    /// Moves the clock forward; fires the timer at its deadline if it falls inside the span.
    @discardableResult
    mutating func advance(by span: Duration) -> [SchedulerAction] {
        let target = now + span
        var actions: [SchedulerAction] = []
        while let armed = machine.armedTimer, armed <= target {
            now = max(now, armed)
            actions += send(.timerFired(at: now))
        }
        now = target
        return actions
    }

    @discardableResult
    mutating func finish(_ job: String, _ outcome: SchedulerRunOutcome = .succeeded) -> [SchedulerAction] {
        send(.runFinished(job: job, outcome: outcome, at: now))
    }

    @discardableResult
    mutating func triggerAll() -> [SchedulerAction] {
        send(.triggerAll(at: now))
    }

    @discardableResult
    mutating func stop() -> [SchedulerAction] {
        send(.stopRequested(at: now))
    }

    func phase(_ job: String) -> ScheduledJob.Phase? {
        machine.jobs[job]?.phase
    }

    var running: Set<String> {
        Set(machine.jobs.values.filter(\.isRunning).map(\.name))
    }
}

extension [SchedulerAction] {
    /// Names of the jobs started, in order, with their triggers.
    var started: [String] {
        compactMap {
            if case .startRun(let definition, _) = $0 { return definition.name }
            return nil
        }
    }

    var triggers: [RunTrigger] {
        compactMap {
            if case .startRun(_, let trigger) = $0 { return trigger }
            return nil
        }
    }
}

func job(
    _ name: String,
    every interval: Duration = .seconds(1800),
    jitter: Duration = .zero,
    runOnStart: Bool = true,
    enabled: Bool = true,
    dryRun: Bool = false
) -> JobDefinition {
    JobDefinition(
        name: name,
        file: "jobs.d/\(name).json",
        enabled: enabled,
        schedule: JobSchedule(interval: interval, jitter: jitter, runOnStart: runOnStart),
        dryRun: dryRun,
        spec: .personalContacts(
            PersonalContactsJobSpec(
                source: SourceSelection(tenant: "contoso"),
                target: PersonalContactsTarget(tenant: "contoso", mailboxes: ["ceo@contoso.com"])
            )
        )
    )
}

let minute = Duration.seconds(60)

extension Duration {
    static func minutes(_ count: Int64) -> Duration { .seconds(60 * count) }
}
