import ArgumentParser
import M365Core

/// The `m365sync` root command.
public struct M365SyncCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "m365sync",
        abstract: "Keeps Microsoft 365 address data in sync.",
        discussion: """
            m365sync copies directory users and organizational contacts of a Microsoft 365 tenant into chosen \
            mailboxes as personal contacts, and users of one tenant into another tenant's address book as mail \
            contacts. As a systemd service (daemon) it runs its jobs on a schedule, refuses mass deletions and \
            writes an audit trail to the journal. The other subcommands run, plan or clear jobs by hand, check \
            the configuration, and report the jobs' state for people (status) and monitoring systems (check).
            """,
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
