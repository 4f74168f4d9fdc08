import Dispatch
import Foundation
import Logging
import M365Core
import M365Logging
import M365Metrics
import M365Primitives
import M365State
import M365Systemd

extension Daemon {
    /// Feeds one event to the scheduler and carries out the actions it returns.
    func process(_ event: SchedulerEvent, stopSignal: DaemonSignal? = nil) {
        dispatchPrecondition(condition: .onQueue(bridge.queue))
        for action in machine.handle(event) {
            perform(action, stopSignal: stopSignal)
        }
        publishStatus()
    }

    private func perform(_ action: SchedulerAction, stopSignal: DaemonSignal?) {
        switch action {
        case .startRun(let definition, let trigger):
            startRun(definition, trigger: trigger)
        case .armTimer(let instant):
            bridge.armTimer(at: instant) { [weak self] in self?.timerFired() }
        case .cancelTimer:
            bridge.disarmTimer()
        case .scheduled(let job, let instant):
            let date = options.clock.date(of: instant)
            logger.debug(
                "Run scheduled",
                metadata: ["job": .string(job), "next_run": .string(Timestamp.rfc3339(date))]
            )
            recordNextRun(job: job, at: date)
            metrics.nextRun(job: job, at: date)
        case .unscheduled(let job):
            logger.info("Job left the schedule", metadata: ["job": .string(job)])
            lastResults[job] = nil
            recordNextRun(job: job, at: nil)
            metrics.nextRun(job: job, at: nil)
        case .cancelRuns:
            cancelRuns()
        case .stopped:
            stopped()
        case .forceExit:
            logger.warning(
                "Second stop signal: exiting at once",
                metadata: ["running_jobs": .stringConvertible(activeRuns.count)]
            )
            finish(.forced(stopSignal ?? .terminate))
        }
    }

    /// The scheduler timer went off.
    func timerFired() {
        guard exitResult == nil else { return }
        process(.timerFired(at: options.clock.now()))
    }

    /// Sends STATUS= when the line changed.
    func publishStatus() {
        guard isReady, exitResult == nil, machine.mode == .running else { return }
        let line = statusLine()
        guard line != lastStatusLine else { return }
        lastStatusLine = line
        options.notifier.notify(.status(line))
    }

    private func recordNextRun(job: String, at date: Date?) {
        guard let stateStore else { return }
        do {
            try stateStore.recordNextRun(job: job, at: date)
        } catch {
            logger.warning(
                "Cannot record the next run",
                metadata: ["job": .string(job), "error": .string(error.description)]
            )
        }
    }
}
