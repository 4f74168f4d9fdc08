import Dispatch
import Logging
import M365Core
import M365Logging
import M365Metrics
import M365Primitives
import M365State
import M365Systemd

/// The long-running service: feeds signals, timers and finished runs into the scheduler and carries out
/// its actions (start runs, arm the timer, tell systemd, record the schedule).
///
/// Every mutable property is confined to the bridge's serial queue.
public final class Daemon: @unchecked Sendable {
    let options: DaemonOptions
    let bridge: DispatchBridge
    var machine: SchedulerStateMachine
    var configuration: LoadedConfiguration?
    var logging: (any DaemonLogging)?
    var logger = Logger(label: "m365sync", factory: { _ in SwiftLogNoOpLogHandler() })
    var stateStore: StateStore?
    /// The state folder opened at start; a reload does not move it.
    var stateDirectory: String?
    /// Runs in progress by job name.
    var activeRuns: [String: ActiveRun] = [:]
    /// The last result of each job, for the status line.
    var lastResults: [String: LastResult] = [:]
    /// Set when the latest reload was rejected; shown in the status line until a reload succeeds.
    var rejectedReload: String?
    var lastStatusLine: String?
    /// READY=1 has been sent; STATUS= updates only follow it.
    var isReady = false
    var exitContinuation: CheckedContinuation<DaemonExit, Never>?
    var exitResult: DaemonExit?
    var graceTimer: DispatchWorkItem?
    /// Prometheus metrics of this process; written only when `metrics` is configured.
    let metrics: SyncMetrics

    public init(options: DaemonOptions) {
        self.options = options
        self.bridge = DispatchBridge(label: "m365sync.scheduler", clock: options.clock)
        let seed = options.randomSeed ?? UInt64.random(in: .min ... .max)
        self.machine = SchedulerStateMachine(backoff: options.backoff, random: SeededRandom(seed: seed))
        self.metrics = SyncMetrics(
            version: M365SyncVersion.current,
            startedAt: options.clock.date(of: options.clock.now())
        )
    }

    /// Runs until stopped: loads the configuration, starts the scheduler, handles signals.
    public func run() async -> DaemonExit {
        let loaded: LoadedConfiguration
        do {
            loaded = try options.loadConfiguration()
        } catch {
            for issue in error.issues { options.reportStartError(issue.description) }
            return .configurationInvalid(error)
        }
        for warning in loaded.warnings { options.reportStartError(warning.description) }
        let logging: any DaemonLogging
        let stateStore: StateStore
        do {
            logging = try options.makeLogging(loaded.global.logging)
        } catch {
            options.reportStartError("cannot set up logging: \(error)")
            return .startFailed("cannot set up logging: \(error)")
        }
        let logger = logging.logger(label: "m365sync")
        do {
            stateStore = try StateStore(directory: loaded.global.stateDirectory, logger: logger)
        } catch {
            logger.critical("Cannot open the state store", metadata: ["error": "\(error)"])
            logging.flush()
            return .startFailed("cannot open the state store: \(error)")
        }
        if options.trapsSignals {
            await bridge.trapSignals(DaemonSignal.allCases) { [weak self] signal in self?.handle(signal) }
        }
        let exit = await withCheckedContinuation { continuation in
            bridge.queue.async {
                // A stop signal handled between the signal registration and this block has already ended the
                // daemon: end `run()` with it instead of starting (and sending READY) with no way left to stop.
                if let early = self.exitResult {
                    logger.notice("Daemon stopped before it was ready")
                    continuation.resume(returning: early)
                    return
                }
                self.exitContinuation = continuation
                self.start(loaded, logging: logging, logger: logger, stateStore: stateStore)
            }
        }
        logging.flush()
        return exit
    }

    /// Acts on `signal` as if it had been received (what the signal handlers call).
    public func deliver(_ signal: DaemonSignal) {
        bridge.queue.async { self.handle(signal) }
    }

    private func start(
        _ loaded: LoadedConfiguration,
        logging: any DaemonLogging,
        logger: Logger,
        stateStore: StateStore
    ) {
        self.configuration = loaded
        self.logging = logging
        self.logger = logger
        self.stateStore = stateStore
        self.stateDirectory = loaded.global.stateDirectory
        logger.audit(
            .daemonStarted,
            metadata: [
                "config": .string(loaded.directory),
                "jobs": .stringConvertible(loaded.jobs.count(where: \.enabled)),
                "state_directory": .string(loaded.global.stateDirectory),
            ]
        )
        if let interval = options.notifier.watchdogInterval {
            bridge.startWatchdog(every: interval / 2) { [weak self] in self?.options.notifier.notify(.watchdog) }
        }
        process(.configure(SchedulerConfiguration(loaded), at: options.clock.now()))
        writeMetrics()
        isReady = true
        lastStatusLine = statusLine()
        options.notifier.notify(.ready, .status(statusLine()))
    }

    func handle(_ signal: DaemonSignal) {
        dispatchPrecondition(condition: .onQueue(bridge.queue))
        guard exitResult == nil else { return }
        logger.info("Signal received", metadata: ["signal": .string(signal.description)])
        switch signal {
        case .reload:
            reload()
        case .runAll:
            process(.triggerAll(at: options.clock.now()))
        case .terminate, .interrupt:
            if machine.mode != .stopping {
                logger.audit(.daemonStopping, metadata: ["signal": .string(signal.description)])
                options.notifier.notify(.stopping, .status("Stopping"))
            }
            process(.stopRequested(at: options.clock.now()), stopSignal: signal)
        }
    }

    /// Ends `run()` with `exit`, once.
    func finish(_ exit: DaemonExit) {
        dispatchPrecondition(condition: .onQueue(bridge.queue))
        guard exitResult == nil else { return }
        exitResult = exit
        graceTimer?.cancel()
        bridge.cancel()
        exitContinuation?.resume(returning: exit)
        exitContinuation = nil
    }
}
