import ArgumentParser
import Foundation
import M365Core
import M365Curl
import M365Daemon
import M365Jobs
import M365State

/// `m365sync clear`: removes a job's own contacts, for decommissioning a job or a mailbox.
struct ClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove a job's own contacts (those carrying its marker); never anyone else's.",
        discussion: """
            Without --mailbox, every target mailbox of the job is cleared. Contacts a person made, or that \
            another job wrote, are never touched. Asks for confirmation unless --yes.
            """
    )

    @OptionGroup var config: ConfigOptions

    @Option(
        help: ArgumentHelp("The job whose contacts are removed.", valueName: "NAME"),
        completion: .custom(JobNameCompletion.complete)
    )
    var job: String

    @Option(name: .customLong("mailbox"), help: ArgumentHelp("Only this mailbox (repeatable).", valueName: "UPN"))
    var mailboxes: [String] = []

    @Flag(help: "Then delete the job's folder if m365sync created it and it is empty.")
    var removeFolder = false

    @Flag(help: "Show what would be removed; remove nothing.")
    var dryRun = false

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "Print the report as JSON on stdout.")
    var json = false

    func run() async throws {
        let console = Console()
        let prepared: PreparedCommand
        switch PreparedCommand.prepare(config, jobs: [job], console: console) {
        case .success(let ready): prepared = ready
        case .failure(let failure): throw failure.status.exitCode
        }
        let (definition, logger) = (prepared.jobs[0], prepared.resources.logger)
        let invocation = ClearInvocation(
            job: definition,
            configuration: prepared.configuration,
            stateStore: prepared.resources.stateStore,
            transport: prepared.resources.transport,
            mailboxes: mailboxes,
            removeFolder: removeFolder,
            console: console
        )
        let planned = await invocation.perform(dryRun: true, logger: logger)
        guard case .finished(let preview) = planned else { throw ExitStatus.locked.exitCode }
        let count = preview.jobs.map(\.totals.remove).reduce(0, +)
        // The real pass runs unless this is a dry run, the job itself failed (its targets could not be listed),
        // or there is nothing to do; a failed mailbox does not keep the others from being cleared.
        let jobFailed = preview.jobs.contains { $0.error != nil }
        if dryRun || jobFailed || (count == 0 && !removeFolder) {
            console.output(json ? ReportJSON.encode(preview) : ReportTableRenderer().render(preview))
            throw (ExitStatus(rawValue: preview.exitCode) ?? .jobFailed).exitCode
        }
        if !yes && count > 0 {
            guard isatty(STDIN_FILENO) == 1 else {
                console.error("m365sync: clear would remove \(count) contacts; confirm with --yes")
                throw ExitStatus.usage.exitCode
            }
            console.error(ReportTableRenderer().render(preview))
            console.error("Remove these \(count) contacts of job '\(job)'? [y/N] ", newline: false)
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                console.error("m365sync: nothing removed")
                throw ExitStatus.success.exitCode
            }
        }
        guard case .finished(let report) = await invocation.perform(dryRun: false, logger: logger) else {
            throw ExitStatus.locked.exitCode
        }
        console.output(json ? ReportJSON.encode(report) : ReportTableRenderer().render(report))
        throw (ExitStatus(rawValue: report.exitCode) ?? .jobFailed).exitCode
    }
}
