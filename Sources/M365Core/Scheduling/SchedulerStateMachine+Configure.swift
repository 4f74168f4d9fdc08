extension SchedulerStateMachine {
    /// Applies a loaded or reloaded configuration.
    ///
    /// Unchanged jobs keep their schedule and state; removed or disabled jobs leave after their current run;
    /// new and changed jobs start over as new (so `runOnStart` applies to them).
    mutating func configure(
        _ configuration: SchedulerConfiguration,
        at now: SchedulerInstant,
        actions: inout [SchedulerAction]
    ) {
        guard mode == .idle || mode == .running else { return }
        mode = .running
        maxConcurrentJobs = max(1, configuration.maxConcurrentJobs)
        var wanted: [String: JobDefinition] = [:]
        for definition in configuration.jobs where definition.enabled && wanted[definition.name] == nil {
            wanted[definition.name] = definition
        }
        for name in jobs.keys.sorted() where wanted[name] == nil {
            remove(name, actions: &actions)
        }
        for name in wanted.keys.sorted() {
            guard let definition = wanted[name] else { continue }
            let revision = configuration.revision(of: definition)
            if let existing = jobs[name] {
                update(existing, to: definition, revision: revision, at: now, actions: &actions)
            } else {
                jobs[name] = ScheduledJob(
                    definition: definition,
                    revision: revision,
                    phase: .waiting(due: now, trigger: .startup)
                )
                scheduleAsNew(name, at: now, actions: &actions)
            }
        }
    }

    private mutating func remove(_ name: String, actions: inout [SchedulerAction]) {
        guard let job = jobs[name] else { return }
        if job.isRunning {
            jobs[name]?.removeAfterRun = true
            jobs[name]?.rerunRequested = false
            jobs[name]?.restartAsNew = false
        } else {
            jobs[name] = nil
            queue.removeAll { $0 == name }
            actions.append(.unscheduled(job: name))
        }
    }

    private mutating func update(
        _ existing: ScheduledJob,
        to definition: JobDefinition,
        revision: EffectiveJobDefinition,
        at now: SchedulerInstant,
        actions: inout [SchedulerAction]
    ) {
        let name = definition.name
        jobs[name]?.removeAfterRun = false
        jobs[name]?.definition = definition
        guard existing.revision != revision else { return }
        jobs[name]?.revision = revision
        jobs[name]?.consecutiveFailures = 0
        if existing.isRunning {
            jobs[name]?.restartAsNew = true
        } else {
            queue.removeAll { $0 == name }
            scheduleAsNew(name, at: now, actions: &actions)
        }
    }
}
