import Logging
import M365Core
import M365Logging

/// Logging for interactive commands: stderr always, journald and the file log as configured.
enum CommandLogging {
    static func makeLogger(_ configuration: LoggingConfiguration, console: Console) -> Logger {
        do {
            return try LogBackends(configuration: configuration, label: "m365sync", interactive: true).makeLogger()
        } catch {
            // The file log may be unwritable for this user; keep stderr (and the journal) rather than fail.
            console.error("m365sync: warning: \(error); logging to stderr and the journal only")
            var fallback = configuration
            fallback.file.enabled = false
            if let backends = try? LogBackends(configuration: fallback, label: "m365sync", interactive: true) {
                return backends.makeLogger()
            }
            return Logger(label: "m365sync", factory: { _ in SwiftLogNoOpLogHandler() })
        }
    }
}
