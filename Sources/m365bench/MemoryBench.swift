import Foundation
import M365Primitives
import M365State
import M365TestSupport

/// `m365bench memory`: m365sync's own memory during a first sync of every mailbox, the simulator in a process of
/// its own: the peak of `m365sync run --json`, and of a second run that reads every mailbox in full again (as the
/// periodic full read does); then the daemon's resident memory before a first sync, its peak during it and what it
/// keeps once idle again.
struct MemoryBench {
    var options: BenchOptions
    /// `--all-actions`: `run` lists every action in its report, as it did before reports were bounded.
    var allActions: Bool
    /// The issue's targets, in MiB.
    static let peakTarget = 150
    static let idleTarget = 30

    /// `--concurrency N`: the job's `maxConcurrentMailboxes` (default 4, the job's own default).
    var concurrency = 4

    /// `[--users N] [--mailboxes N] [--concurrency N] [--all-actions]`.
    init(arguments: [String]) {
        let parsed = BenchArguments(arguments, flags: ["--all-actions"])
        options = BenchOptions(arguments: arguments.filter { $0 != "--all-actions" })
        allActions = parsed.has("--all-actions")
        concurrency = max(1, parsed.int("--concurrency", concurrency))
    }

    func run() async throws {
        print(
            "memory: \(options.users) users into \(options.mailboxes) mailboxes, \(concurrency) at a time, first sync; "
                + "m365sync and m365sim in processes of their own (throttling off)"
        )
        let scratch = try ScratchDirectory(prefix: "m365bench-memory")
        let oneShot = try await SimulatorChild.with(users: options.users, mailboxes: options.mailboxes) {
            try await measureRun($0, root: scratch.appending("run"))
        }
        print(oneShot)
        let daemon = try await SimulatorChild.with(users: options.users, mailboxes: options.mailboxes) {
            try await measureDaemon($0, root: scratch.appending("daemon"))
        }
        print(daemon)
    }

    /// `m365sync run --json`: its peak resident memory (`ru_maxrss` at exit) and the size of its report, for the
    /// first sync and then for a second run that reads every mailbox in full (as the periodic full read does).
    private func measureRun(_ simulator: SimulatorChild, root: String) async throws -> String {
        let config = try simulator.writeConfiguration(root: root, job: "bench", concurrency: concurrency)
        let first = try await runOnce(config: config, root: root, name: "first")
        try markEveryMailboxForAFullRead(simulator, stateDirectory: root + "/state")
        let full = try await runOnce(config: config, root: root, name: "full-read")
        let report = try JSONDecoder().decode(
            JSONValue.self,
            from: Data(contentsOf: URL(fileURLWithPath: root + "/full-read.json"))
        )
        let listings = report["jobs"]?[0]?["requests"]?["byKind"]?["graph.contacts"]?.intValue ?? 0
        guard listings >= options.mailboxes else {
            throw BenchmarkError(message: "the second run listed \(listings) folders, not every mailbox's")
        }
        let option = allActions ? " --all-actions" : ""
        return """
              run --json\(option): peak RSS \(first) (target ≤ \(Self.peakTarget) MiB)
              run --json\(option), every mailbox read in full again: peak RSS \(full)
            """
    }

    /// One `m365sync run --json`: its peak RSS, report size and wall time, as printed.
    private func runOnce(config: String, root: String, name: String) async throws -> String {
        let report = root + "/\(name).json"
        let start = Date()
        let child = try SpawnedProcess.start(
            try BenchProducts.url("m365sync").path,
            ["run", "--config", config, "--json"] + (allActions ? ["--all-actions"] : []),
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"],
            output: report,
            error: root + "/\(name).stderr"
        )
        let exit = try await offCooperativePool { child.wait() }
        let seconds = Date().timeIntervalSince(start)
        let size = (try? FileManager.default.attributesOfItem(atPath: report)[.size] as? Int) ?? 0
        guard exit.succeeded else {
            throw BenchmarkError(message: "m365sync run ended with \(exit.status); see \(root)/\(name).stderr")
        }
        return "\(mebibytes(exit.peakKiB)), report \(String(format: "%.1f", Double(size) / 1_048_576)) MiB, "
            + "wall \(String(format: "%.1f", seconds)) s"
    }

    /// Marks every mailbox's mirror for a full read, as writes with unknown outcomes would; each must have one.
    private func markEveryMailboxForAFullRead(_ simulator: SimulatorChild, stateDirectory: String) throws {
        let store = try StateStore(directory: stateDirectory, logger: SimulatedDeployment.benchLogger)
        for mailbox in simulator.info.tenants.first?.mailboxUserIds ?? [] {
            let scope = "mailbox:\(mailbox)"
            guard try store.mirrorScope(job: "bench", scope: scope)?.deltaLink != nil else {
                throw BenchmarkError(message: "the first sync left no delta link for \(scope)")
            }
            try store.markNeedsFullRead(job: "bench", scope: scope)
        }
    }

    /// `m365sync daemon`, in the environment the systemd unit gives it, with the job not run at start: resident memory
    /// once ready, the peak of the run SIGUSR1 starts, and resident memory two seconds after that run has ended.
    private func measureDaemon(_ simulator: SimulatorChild, root: String) async throws -> String {
        let config = try simulator.writeConfiguration(root: root, job: "bench", concurrency: concurrency)
        let daemon = try BenchDaemon.start([try BenchProducts.url("m365sync").path], config: config, root: root)
        defer { daemon.kill() }
        try await daemon.waitUntilReady(timeout: .seconds(120))
        let before = daemon.process.memory()
        let start = Date()
        try await daemon.runJobs(expecting: "bench", timeout: .seconds(3_600))
        let seconds = Date().timeIntervalSince(start)
        // The daemon gives memory back once idle for a second (`DaemonOptions.memoryReleaseDelay`).
        try await Task.sleep(for: .seconds(2))
        let after = daemon.process.memory()
        return """
              daemon: RSS before the run \(before?.residentSummary ?? "n/a") \
            (target ≤ \(Self.idleTarget) MiB), peak \(after.map { mebibytes($0.peakKiB) } ?? "n/a") \
            (target ≤ \(Self.peakTarget) MiB), idle after it \(after?.residentSummary ?? "n/a") \
            (target ≤ \(Self.idleTarget) MiB), wall \(String(format: "%.1f", seconds)) s
            """
    }
}
