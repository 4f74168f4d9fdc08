import Logging
import M365Core
import M365Jobs
import M365State

/// One run of one job outside the scheduler (`m365sync run`, `plan`, `clear`), with the same lock,
/// run history and audit events as a run started by the daemon.
public struct OneShotRun: Sendable {
    public var runner: any JobRunner
    public var configuration: LoadedConfiguration
    public var stateStore: StateStore
    public var lockOwner: String

    public init(runner: any JobRunner, configuration: LoadedConfiguration, stateStore: StateStore, lockOwner: String) {
        self.runner = runner
        self.configuration = configuration
        self.stateStore = stateStore
        self.lockOwner = lockOwner
    }

    public func perform(
        _ job: JobDefinition,
        runID: String,
        logger: Logger,
        dryRun: Bool,
        allowRemovals: Bool
    ) async -> RunAttempt {
        var logger = logger
        logger[metadataKey: "job"] = .string(job.name)
        logger[metadataKey: "run"] = .string(runID)
        let context = JobRunContext(
            options: JobRunOptions(runID: runID, logger: logger, dryRun: dryRun, allowRemovals: allowRemovals),
            trigger: .manual,
            configuration: configuration,
            stateStore: stateStore
        )
        return await RunExecution(
            job: job,
            context: context,
            runner: runner,
            lockOwner: lockOwner,
            stateDirectory: configuration.global.stateDirectory
        ).perform()
    }
}
