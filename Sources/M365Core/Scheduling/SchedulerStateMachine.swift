import M365Primitives

/// Decides which job runs when. Pure: events in, actions out; no clock, no timer, no I/O.
///
/// Rules: every enabled job runs `interval` after its previous run started, plus a random delay up to `jitter`,
/// and at once when new if `runOnStart`. A job never overlaps itself; an overrun delays the next run, which then
/// starts right after (never several). At most `maxConcurrentJobs` run at once, the rest wait in arrival order.
/// A failed run is retried after the backoff delay when that is sooner than the next regular run.
public struct SchedulerStateMachine: Sendable {
    public enum Mode: Sendable, Equatable {
        /// Not configured yet.
        case idle
        case running
        /// Stop requested: no new runs; waiting for the running ones.
        case stopping
        case stopped
    }

    public internal(set) var mode: Mode = .idle
    /// Jobs by name.
    public internal(set) var jobs: [String: ScheduledJob] = [:]
    /// Due jobs waiting for a slot, first come first served.
    public internal(set) var queue: [String] = []
    public internal(set) var maxConcurrentJobs = 1
    /// The instant the driver's timer is armed for, if any.
    public internal(set) var armedTimer: SchedulerInstant?
    let backoff: SchedulerBackoff
    var random: SeededRandom

    public init(backoff: SchedulerBackoff = SchedulerBackoff(), random: SeededRandom) {
        self.backoff = backoff
        self.random = random
    }

    /// Number of runs in progress.
    public var runningCount: Int {
        jobs.values.count(where: \.isRunning)
    }

    /// Applies one event and returns what the driver must do, in order.
    public mutating func handle(_ event: SchedulerEvent) -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        let now: SchedulerInstant
        switch event {
        case .configure(let configuration, let at):
            now = at
            configure(configuration, at: at, actions: &actions)
        case .timerFired(let at):
            now = at
            armedTimer = nil
        case .runFinished(let job, let outcome, let at):
            now = at
            finish(job, outcome: outcome, at: at, actions: &actions)
        case .triggerAll(let at):
            now = at
            triggerAll()
        case .stopRequested(let at):
            now = at
            requestStop(actions: &actions)
        }
        if mode == .running {
            enqueueDueJobs(at: now)
            startQueuedJobs(at: now, actions: &actions)
        }
        updateTimer(actions: &actions)
        return actions
    }

    /// Queues every waiting job whose time has come, earliest first.
    private mutating func enqueueDueJobs(at now: SchedulerInstant) {
        let due = jobs.values
            .compactMap { job -> (SchedulerInstant, String, RunTrigger)? in
                guard case .waiting(let at, let trigger) = job.phase, at <= now else { return nil }
                return (at, job.name, trigger)
            }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        for (_, name, trigger) in due {
            enqueue(name, trigger: trigger)
        }
    }

    mutating func enqueue(_ name: String, trigger: RunTrigger) {
        jobs[name]?.phase = .queued(trigger: trigger)
        if !queue.contains(name) { queue.append(name) }
    }

    /// Starts queued jobs while slots are free.
    private mutating func startQueuedJobs(at now: SchedulerInstant, actions: inout [SchedulerAction]) {
        while runningCount < maxConcurrentJobs, !queue.isEmpty {
            let name = queue.removeFirst()
            guard var job = jobs[name], case .queued(let trigger) = job.phase else { continue }
            job.phase = .running(since: now, trigger: trigger)
            job.lastStart = now
            jobs[name] = job
            actions.append(.startRun(job.definition, trigger: trigger))
        }
    }

    /// Keeps the single timer armed for the earliest waiting job.
    private mutating func updateTimer(actions: inout [SchedulerAction]) {
        let earliest = mode == .running ? jobs.values.compactMap(\.nextDue).min() : nil
        guard earliest != armedTimer else { return }
        armedTimer = earliest
        actions.append(earliest.map { .armTimer(at: $0) } ?? .cancelTimer)
    }
}
