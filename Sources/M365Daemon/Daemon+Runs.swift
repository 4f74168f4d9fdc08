import Foundation
import Logging
import M365Core
import M365Jobs
import M365Metrics
import M365Primitives
import M365State

/// A run in progress.
struct ActiveRun {
    var runID: String
    var startedAt: Date
    var task: Task<Void, Never>
}

/// The latest result of a job, for the status line.
struct LastResult: Equatable {
    var summary: String
    var finishedAt: Date
}

extension Daemon {
    /// Starts `definition` as a Swift task; its end is reported back on the queue.
    func startRun(_ definition: JobDefinition, trigger: RunTrigger) {
        guard let configuration, let stateStore, let stateDirectory else { return }
        let runID = UUID().uuidString.lowercased()
        var runLogger = logger
        runLogger[metadataKey: "job"] = .string(definition.name)
        runLogger[metadataKey: "run"] = .string(runID)
        let context = JobRunContext(
            options: JobRunOptions(runID: runID, logger: runLogger, dryRun: definition.dryRun),
            trigger: trigger,
            configuration: configuration,
            stateStore: stateStore
        )
        let execution = RunExecution(
            job: definition,
            context: context,
            runner: options.runner,
            lockOwner: options.lockOwner,
            stateDirectory: stateDirectory
        )
        let name = definition.name
        let queue = bridge.queue
        let startedAt = options.clock.date(of: options.clock.now())
        metrics.runStarted(job: name, at: startedAt)
        let task = Task { [weak self] in
            // The daemon shows no report: it lists no action (each is counted in the tally and written to the
            // journal), so a run's reports hold no action lists while it runs.
            let result = await TargetReport.$actionLimit.withValue(0) { await execution.perform() }
            queue.async { [weak self] in self?.runEnded(name, runID: runID, result: result) }
        }
        activeRuns[name] = ActiveRun(runID: runID, startedAt: startedAt, task: task)
    }

    /// A run's task has returned.
    private func runEnded(_ name: String, runID: String, result: RunAttempt) {
        guard let active = activeRuns[name], active.runID == runID else { return }
        activeRuns[name] = nil
        let finishedAt = options.clock.date(of: options.clock.now())
        let outcome: SchedulerRunOutcome
        switch result {
        case .finished(let runOutcome):
            outcome = runOutcome.schedulingOutcome
            lastResults[name] = LastResult(summary: runOutcome.status.rawValue, finishedAt: finishedAt)
            metrics.runFinished(job: name, startedAt: active.startedAt, finishedAt: finishedAt, outcome: runOutcome)
        case .locked:
            outcome = .failed
            lastResults[name] = LastResult(summary: "skipped (locked)", finishedAt: finishedAt)
        }
        if activeRuns.isEmpty { releaseMemoryWhenIdle() }
        guard exitResult == nil else {
            writeMetrics()
            return
        }
        process(.runFinished(job: name, outcome: outcome, at: options.clock.now()))
        writeMetrics()
    }

    /// Gives memory back once the daemon has been idle for `memoryReleaseDelay`: the last of a run's memory (its
    /// task, its transfers' buffers) is freed on other threads just after the run reports its end, and a trim
    /// before that left pages resident (at 10,000 users into 24 mailboxes: 14.7 MiB anonymous, 5.2 MiB a second
    /// later).
    private func releaseMemoryWhenIdle() {
        let nanoseconds = Int(options.memoryReleaseDelay.nanosecondsClamped)
        bridge.queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in
            guard let self, self.activeRuns.isEmpty, self.exitResult == nil else { return }
            self.releaseMemory()
        }
    }

    /// Gives the memory the runs freed back to the system, now that none is running: what the runner keeps between
    /// runs (its HTTP transport), the state store's caches (page caches and reader connections), then every free
    /// page of the heap.
    func releaseMemory() {
        options.runner.releaseIdleResources()
        stateStore?.releaseMemory()
        let trim = HeapTrim.releaseFreeMemory()
        logger.debug(
            "Returned free memory to the system",
            metadata: [
                "rss_before_kib": .stringConvertible(trim.residentBefore ?? -1),
                "rss_after_kib": .stringConvertible(trim.residentAfter ?? -1),
            ]
        )
    }

    /// Asks every running job to wind down, and gives them the grace period.
    func cancelRuns() {
        for run in activeRuns.values { run.task.cancel() }
        let grace = DispatchWorkItem { [weak self] in
            guard let self, self.exitResult == nil else { return }
            self.logger.error(
                "Running jobs did not stop within the grace period",
                metadata: ["jobs": .string(self.activeRuns.keys.sorted().joined(separator: ","))]
            )
            self.clearNextRunsOnStop()
            self.finish(.stopTimedOut)
        }
        graceTimer = grace
        let nanoseconds = Int(options.stopGracePeriod.nanosecondsClamped)
        bridge.queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds), execute: grace)
    }

    /// Every run has ended after a stop request.
    func stopped() {
        clearNextRunsOnStop()
        logger.notice("Daemon stopped")
        finish(.stopped)
    }

    /// Forgets the next runs (in the state store and the metrics): a stopped daemon schedules nothing.
    private func clearNextRunsOnStop() {
        do {
            try stateStore?.clearNextRuns()
        } catch {
            logger.warning("Cannot clear the next runs", metadata: ["error": .string(error.description)])
        }
        for job in machine.sortedJobs { metrics.nextRun(job: job.name, at: nil) }
        writeMetrics()
    }
}

extension RunOutcome {
    /// Whether the scheduler should retry soon: failed and partial runs are retried with backoff; a run blocked
    /// by its safety limits is not (retrying cannot help until an admin acts).
    var schedulingOutcome: SchedulerRunOutcome {
        switch status {
        case .failed, .partial, .interrupted: .failed
        default: .succeeded
        }
    }
}
