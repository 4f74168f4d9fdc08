import ArgumentParser

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
}
