import Logging
import M365Core
import M365Curl
import M365State

/// What `run`, `plan` and `clear` open once a configuration is loaded: a logger, the state store, the transport.
struct CommandResources {
    var logger: Logger
    var stateStore: StateStore
    var transport: HTTPTransport

    /// Opens them, or says why on stderr and returns nil.
    static func open(_ configuration: LoadedConfiguration, console: Console) -> CommandResources? {
        let logger = CommandLogging.makeLogger(configuration.global.logging, console: console)
        do {
            return CommandResources(
                logger: logger,
                stateStore: try StateStore(directory: configuration.global.stateDirectory, logger: logger),
                transport: try HTTPTransport()
            )
        } catch {
            console.error("m365sync: \(error)")
            return nil
        }
    }
}

/// A command's configuration, its selected jobs and its opened resources.
struct PreparedCommand {
    var configuration: LoadedConfiguration
    var jobs: [JobDefinition]
    var resources: CommandResources

    /// Loads the configuration, selects the jobs `names` (every enabled job when empty) and opens the resources;
    /// on failure says why on stderr and returns the exit status to end with.
    static func prepare(_ config: ConfigOptions, jobs names: [String], console: Console) -> Result<Self, Failure> {
        let configuration: LoadedConfiguration
        do {
            configuration = try config.load()
        } catch {
            error.issues.forEach { console.error($0.description) }
            return .failure(Failure(status: .configuration))
        }
        let jobs: [JobDefinition]
        switch JobsInvocation.select(names, from: configuration.jobs) {
        case .success(let selected): jobs = selected
        case .failure(let message):
            console.error(message.description)
            return .failure(Failure(status: .usage))
        }
        guard let resources = CommandResources.open(configuration, console: console) else {
            return .failure(Failure(status: .jobFailed))
        }
        return .success(PreparedCommand(configuration: configuration, jobs: jobs, resources: resources))
    }

    /// Why a command could not start, already said on stderr.
    struct Failure: Error {
        var status: ExitStatus
    }
}
