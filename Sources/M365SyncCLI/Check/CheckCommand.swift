import ArgumentParser
import Foundation
import M365Core
import M365State

/// `m365sync check`: a Nagios/Icinga plugin. One line, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Monitoring check: one line and the Nagios plugin exit status (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
        discussion: """
            CRITICAL when a job's last run failed, when the daemon missed a scheduled run by more than --grace, or \
            (with --max-age) when a job's last run ended longer ago than that or never happened. WARNING when a \
            job's last run was partial, had removals blocked by its safety limits, was interrupted, or when a job \
            never ran. UNKNOWN when the configuration or the state database cannot be read. Performance data: \
            the last runs' counts summed over the checked jobs. Reads the state database without changing it.
            """
    )

    @OptionGroup public var config: ConfigOptions

    @Option(
        name: .customLong("job"),
        help: ArgumentHelp("Check only this job (repeatable; default: every enabled job).", valueName: "NAME"),
        completion: .custom(JobNameCompletion.complete)
    )
    public var jobs: [String] = []

    @Option(
        help: ArgumentHelp(
            "CRITICAL when a job's last run ended longer ago than this, or never (e.g. 2h; default: not checked).",
            valueName: "DURATION"
        )
    )
    public var maxAge: String?

    @Option(help: ArgumentHelp("How late a scheduled run may be before it counts as missed.", valueName: "DURATION"))
    public var grace = "15m"

    public init() {}

    public func run() throws {
        let result = evaluate(now: Date())
        FileHandle.standardOutput.write(Data((result.line + "\n").utf8))
        throw ExitCode(result.status.rawValue)
    }

    /// Reads the configuration and state and applies the rules; every failure is UNKNOWN.
    func evaluate(now: Date) -> CheckResult {
        guard let grace = Duration(configurationText: grace) else {
            return Self.unknown("--grace: expected a duration such as 15m or 1h30m, found \"\(grace)\"")
        }
        var maxAgeDuration: Duration?
        if let maxAge {
            guard let parsed = Duration(configurationText: maxAge) else {
                return Self.unknown("--max-age: expected a duration such as 2h or 1d, found \"\(maxAge)\"")
            }
            maxAgeDuration = parsed
        }
        let loaded: LoadedConfiguration
        do {
            loaded = try config.load()
        } catch {
            let more = error.errors.count > 1 ? " (and \(error.errors.count - 1) more)" : ""
            return Self.unknown("configuration invalid: \(error.errors.first?.description ?? error.description)\(more)")
        }
        let selected: [JobDefinition]
        switch JobsInvocation.select(jobs, from: loaded.jobs) {
        case .success(let found): selected = found
        case .failure(let failure):
            return Self.unknown(failure.description.replacingOccurrences(of: "m365sync: ", with: ""))
        }
        guard !selected.isEmpty else { return Self.unknown("no enabled jobs in \(loaded.directory)/jobs.d") }
        do {
            let checked = try Self.read(selected, stateDirectory: loaded.global.stateDirectory)
            return CheckEvaluation(grace: grace, maxAge: maxAgeDuration).evaluate(checked, now: now)
        } catch {
            return Self.unknown(error.description)
        }
    }

    static func read(_ jobs: [JobDefinition], stateDirectory: String) throws(StateStoreError) -> [CheckedJob] {
        let store = try StateStore.openForReading(directory: stateDirectory)
        return try jobs.map { job throws(StateStoreError) in
            CheckedJob(
                name: job.name,
                lastRun: try store?.lastRun(job: job.name),
                nextRunAt: job.enabled ? try store?.nextRun(job: job.name) : nil,
                running: JobLock.holder(job: job.name, stateDirectory: stateDirectory) != nil
            )
        }
    }

    static func unknown(_ reason: String) -> CheckResult {
        CheckResult(status: .unknown, line: "M365SYNC UNKNOWN - \(CheckEvaluation.shortened(reason))")
    }
}
