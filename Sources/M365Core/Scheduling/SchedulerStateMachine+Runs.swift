extension SchedulerStateMachine {
    /// Records the end of a run and plans the job's next one.
    mutating func finish(
        _ name: String,
        outcome: SchedulerRunOutcome,
        at now: SchedulerInstant,
        actions: inout [SchedulerAction]
    ) {
        guard var job = jobs[name], job.isRunning else { return }
        job.lastFinish = now
        job.lastOutcome = outcome
        job.consecutiveFailures = outcome == .succeeded ? 0 : job.consecutiveFailures + 1
        if mode != .running || job.removeAfterRun {
            job.phase = .waiting(due: now, trigger: .interval)
            jobs[name] = job
            if job.removeAfterRun {
                jobs[name] = nil
                actions.append(.unscheduled(job: name))
            }
            if mode == .stopping, runningCount == 0 {
                mode = .stopped
                actions.append(.stopped)
            }
            return
        }
        let rerun = job.rerunRequested
        let restart = job.restartAsNew
        job.rerunRequested = false
        job.restartAsNew = false
        if restart { job.consecutiveFailures = 0 }
        jobs[name] = job
        if rerun {
            enqueue(name, trigger: .manual)
        } else if restart {
            scheduleAsNew(name, at: now, actions: &actions)
        } else {
            scheduleNext(name, at: now, actions: &actions)
        }
    }

    /// Plans the next regular run, or a sooner retry after a failure.
    private mutating func scheduleNext(_ name: String, at now: SchedulerInstant, actions: inout [SchedulerAction]) {
        guard var job = jobs[name] else { return }
        let schedule = job.definition.schedule
        let start = job.lastStart ?? now
        var regular = start + schedule.interval + random.delay(upTo: schedule.jitter)
        if regular < now { regular = now }
        job.phase = .waiting(due: regular, trigger: .interval)
        if job.consecutiveFailures > 0 {
            let retry = now + backoff.delay(afterFailures: job.consecutiveFailures)
            if retry < regular {
                job.phase = .waiting(due: retry, trigger: .retry(attempt: job.consecutiveFailures))
            }
        }
        jobs[name] = job
        if let due = job.nextDue { actions.append(.scheduled(job: name, at: due)) }
    }

    /// Plans a job that is new to the schedule: at once if `runOnStart`, else after one interval and jitter.
    mutating func scheduleAsNew(_ name: String, at now: SchedulerInstant, actions: inout [SchedulerAction]) {
        guard let job = jobs[name] else { return }
        let schedule = job.definition.schedule
        if schedule.runOnStart {
            enqueue(name, trigger: .startup)
        } else {
            let due = now + schedule.interval + random.delay(upTo: schedule.jitter)
            jobs[name]?.phase = .waiting(due: due, trigger: .interval)
            actions.append(.scheduled(job: name, at: due))
        }
    }

    /// SIGUSR1: every job runs now; a running job runs once more right after.
    mutating func triggerAll() {
        guard mode == .running else { return }
        for name in jobs.keys.sorted() {
            guard let job = jobs[name] else { continue }
            switch job.phase {
            case .waiting: enqueue(name, trigger: .manual)
            case .queued: break
            case .running: if !job.removeAfterRun { jobs[name]?.rerunRequested = true }
            }
        }
    }

    /// No new runs; the running ones are asked to wind down.
    mutating func requestStop(actions: inout [SchedulerAction]) {
        switch mode {
        case .stopping, .stopped:
            actions.append(.forceExit)
        case .idle, .running:
            mode = .stopping
            queue.removeAll()
            if runningCount == 0 {
                mode = .stopped
                actions.append(.stopped)
            } else {
                actions.append(.cancelRuns)
            }
        }
    }
}
