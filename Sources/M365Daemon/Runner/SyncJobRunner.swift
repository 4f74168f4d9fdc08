import M365Client
import M365Core
import M365Curl
import M365Jobs
import M365State

/// The production runner: runs the sync jobs through ``JobExecutor`` over one shared HTTP transport.
public struct SyncJobRunner: JobRunner {
    private enum Transport: Sendable {
        case held(HTTPTransport)
        case deferred(DeferredTransport)
    }

    private let transport: Transport
    private let clientOptions: M365ClientOptions
    private let onReport: (@Sendable (JobReport) -> Void)?
    private let progress: (@Sendable (_ job: String, _ done: Int, _ total: Int) -> Void)?
    private let actionLimit: Int?

    /// - Parameters:
    ///   - onReport: receives each job's full report (the CLI prints it).
    ///   - progress: called after each target of a job (mailboxes done / total).
    ///   - actionLimit: how many actions each target's report lists (nil: every one); the rest are counted.
    public init(
        transport: HTTPTransport,
        clientOptions: M365ClientOptions = M365ClientOptions(),
        onReport: (@Sendable (JobReport) -> Void)? = nil,
        progress: (@Sendable (_ job: String, _ done: Int, _ total: Int) -> Void)? = nil,
        actionLimit: Int? = TargetReport.defaultActionLimit
    ) {
        self.transport = .held(transport)
        self.clientOptions = clientOptions
        self.onReport = onReport
        self.progress = progress
        self.actionLimit = actionLimit
    }

    /// The daemon's runner: the transport is made when a job runs and let go once none runs
    /// (``releaseIdleResources()``); a failure to make it fails that run.
    public init(transport: DeferredTransport, clientOptions: M365ClientOptions = M365ClientOptions()) {
        self.transport = .deferred(transport)
        self.clientOptions = clientOptions
        self.onReport = nil
        self.progress = nil
        self.actionLimit = TargetReport.defaultActionLimit
    }

    public func run(_ job: JobDefinition, context: JobRunContext) async -> RunOutcome {
        switch transport {
        case .held(let transport):
            return await run(job, context: context, transport: transport)
        case .deferred(let deferred):
            do {
                return try await deferred.withTransport { await run(job, context: context, transport: $0) }
            } catch {
                return RunOutcome(status: .failed, error: "cannot set up HTTP: \(error)")
            }
        }
    }

    public func releaseIdleResources() {
        if case .deferred(let deferred) = transport { deferred.releaseIfUnused() }
    }

    private func run(_ job: JobDefinition, context: JobRunContext, transport: HTTPTransport) async -> RunOutcome {
        let environment = SyncEnvironment(
            configuration: context.configuration,
            transport: transport,
            stateStore: context.stateStore,
            clientOptions: clientOptions
        )
        var jobProgress: (@Sendable (Int, Int) -> Void)?
        if let progress {
            let name = job.name
            jobProgress = { done, total in progress(name, done, total) }
        }
        var options = context.options
        options.progress = jobProgress
        let executor = JobExecutor(environment: environment)
        let report = await TargetReport.$actionLimit.withValue(actionLimit) {
            await executor.run(job, options: options)
        }
        onReport?(report)
        return RunOutcome(report)
    }
}

extension RunOutcome {
    /// The state store's summary of a job report.
    public init(_ report: JobReport) {
        self.init(
            status: report.status,
            counts: report.totals,
            error: report.error ?? report.targets.compactMap(\.error).first,
            report: report
        )
    }
}
