import ArgumentParser

/// `m365sync run`: runs jobs once now and reports what they did.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run jobs once now and report what they did.",
        discussion: """
            Exit status: 0 success, 1 a job failed, 3 removals were blocked by a job's safety limits, \
            75 a job is being run by another process, 78 the configuration is invalid.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var selection: RunSelectionOptions

    @Flag(help: "Approve, for this run only, removals beyond the jobs' safety limits.")
    var allowRemovals = false

    @Flag(help: "Plan and report only; write nothing (same as `plan`).")
    var dryRun = false

    func run() async throws {
        let status = await JobsInvocation(
            config: config,
            selection: selection,
            dryRun: dryRun,
            allowRemovals: allowRemovals,
            lockOwner: "m365sync run"
        ).execute()
        throw status.exitCode
    }
}

/// `m365sync plan`: shows what a run would do, writing nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what a run would add, update and remove; writes nothing, not even a folder."
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var selection: RunSelectionOptions

    func run() async throws {
        let status = await JobsInvocation(
            config: config,
            selection: selection,
            dryRun: true,
            allowRemovals: false,
            lockOwner: "m365sync plan"
        ).execute()
        throw status.exitCode
    }
}
