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
