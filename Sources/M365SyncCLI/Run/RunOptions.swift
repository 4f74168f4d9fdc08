import ArgumentParser
import M365Core

/// Options shared by `run` and `plan`.
struct RunSelectionOptions: ParsableArguments {
    @Option(
        name: .customLong("job"),
        help: ArgumentHelp("Run only this job (repeatable; default: every enabled job).", valueName: "NAME"),
        completion: .custom(JobNameCompletion.complete)
    )
    var jobs: [String] = []

    @Flag(help: "Print the run report as JSON on stdout instead of a table.")
    var json = false

    @Flag(help: "List every action of each target in the report (default: at most 1000 each; the rest are counted).")
    var allActions = false

    /// How many actions each target's report lists (nil: every one).
    var actionLimit: Int? { allActions ? nil : TargetReport.defaultActionLimit }
}
