import ArgumentParser
import M365Core

/// The `m365sync` root command.
public struct M365SyncCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "m365sync",
        abstract: "Keeps Microsoft 365 address data in sync.",
        version: M365SyncVersion.current,
        subcommands: subcommands
    )

    /// Every subcommand, one per line; add new ones here.
    static let subcommands: [any ParsableCommand.Type] = [
        ValidateCommand.self,
        RunCommand.self,
        PlanCommand.self,
        ClearCommand.self,
        DemoCommand.self,
        DaemonCommand.self,
        StatusCommand.self,
        CheckCommand.self,
    ]

    public init() {}
}

extension M365SyncCommand {
    /// Parses the process arguments, runs the command and exits; the `m365sync` executable's whole body.
    public static func runAsMain() async {
        await main()
    }
}
