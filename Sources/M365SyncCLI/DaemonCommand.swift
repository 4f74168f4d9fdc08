import ArgumentParser
import Foundation
import M365Core
import M365Curl
import M365Daemon
import M365Jobs

/// `m365sync daemon`: runs the scheduler as a service (systemd `Type=notify`, or in the foreground).
public struct DaemonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run the jobs on their schedules until stopped.",
        discussion: """
            Speaks the systemd notify protocol when NOTIFY_SOCKET is set (READY, RELOADING, STOPPING, STATUS, \
            WATCHDOG); otherwise runs the same way in the foreground.
            Signals: SIGHUP reloads the configuration (a broken one is rejected and the running one stays), \
            SIGUSR1 runs every enabled job now, SIGTERM or SIGINT stop gracefully (a second one exits at once).
            Exit status: 0 after a graceful stop, 78 when the configuration is invalid at start, 1 when the \
            service could not start or running jobs did not stop in time, 128+N after a second stop signal N.
            """
    )

    @OptionGroup public var config: ConfigOptions

    public init() {}

    public func run() async throws {
        HeapTrim.fixThresholds()
        // libcurl is set up when the first job runs: an idle daemon that has not run one keeps no TLS state.
        let options = makeOptions(
            environment: ProcessInfo.processInfo.environment,
            runner: SyncJobRunner(transport: DeferredTransport())
        )
        let exit = await Daemon(options: options).run()
        if exit.exitCode != 0 { throw ExitCode(exit.exitCode) }
    }

    /// The daemon's parts as the binary uses them.
    public func makeOptions(environment: [String: String], runner: any JobRunner) -> DaemonOptions {
        let config = self.config
        return DaemonOptions(
            loadConfiguration: { () throws(ConfigurationError) in try config.load(environment: environment) },
            runner: runner
        )
    }
}
