import Logging
import M365Client
import M365Core
import M365Curl
import M365State

/// What the jobs of one process share: configuration, the HTTP transport and the state store.
public struct SyncEnvironment: Sendable {
    public var configuration: LoadedConfiguration
    /// One transport for every client, so connections are reused across jobs and tenants.
    public var transport: HTTPTransport
    /// Run history, folder ownership and sync tokens; nil only in tests that need none.
    public var stateStore: StateStore?
    public var clientOptions: M365ClientOptions

    public init(
        configuration: LoadedConfiguration,
        transport: HTTPTransport,
        stateStore: StateStore?,
        clientOptions: M365ClientOptions = M365ClientOptions()
    ) {
        self.configuration = configuration
        self.transport = transport
        self.stateStore = stateStore
        self.clientOptions = clientOptions
    }
}

/// How one job run behaves: its id, logger and the operator's flags.
public struct JobRunOptions: Sendable {
    /// Unique id of this run (`M365SYNC_RUN` in the journal, `runId` in the state store).
    public var runID: String
    /// Logger carrying `job` and `run` metadata.
    public var logger: Logger
    /// Plan only: no write of any kind, not even a folder.
    public var dryRun: Bool
    /// Removals beyond the safety limits are approved for this run.
    public var allowRemovals: Bool
    /// Called after each target (mailbox or tenant) with (done, total), for progress on a terminal.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init(
        runID: String,
        logger: Logger,
        dryRun: Bool = false,
        allowRemovals: Bool = false,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) {
        self.runID = runID
        self.logger = logger
        self.dryRun = dryRun
        self.allowRemovals = allowRemovals
        self.progress = progress
    }
}
