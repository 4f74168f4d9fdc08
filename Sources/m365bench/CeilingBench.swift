import Foundation
import M365Core
import M365Daemon
import M365Jobs
import M365Simulator
import M365TestSupport

/// A first sync of many mailboxes against the simulator's per-mailbox throttling, scaled down so that it binds:
/// the writes per second achieved beside the ceiling (mailboxes × window rate), and how often requests were
/// throttled.
///
/// `--mailboxes M` (20), `--contacts N` per mailbox (3,000), `--window-requests R` (1,000) and
/// `--window-seconds W` (60). The job runs all M mailboxes at once.
struct CeilingBench {
    var mailboxes = 20
    var contacts = 3_000
    var windowRequests = 1_000
    var windowSeconds = 60.0

    init(arguments: [String]) {
        let options = BenchArguments(arguments)
        mailboxes = options.int("--mailboxes", mailboxes)
        contacts = options.int("--contacts", contacts)
        windowRequests = options.int("--window-requests", windowRequests)
        windowSeconds = options.value("--window-seconds", windowSeconds) { Double($0) }
    }

    /// Requests per second all mailboxes may make together.
    var ceiling: Double { Double(mailboxes * windowRequests) / windowSeconds }

    func run() async throws {
        print(
            "throttling ceiling: \(contacts) contacts into each of \(mailboxes) mailboxes, all at once; "
                + "\(windowRequests) requests per mailbox per \(Int(windowSeconds)) s"
        )
        try await SimulatedDeployment.start(
            tenants: [.init(name: "contoso", seed: TenantSeed(seed: 7, users: contacts, mailboxes: mailboxes))],
            jobs: [:],
            options: SimulatorOptions(tls: false, requestLogLimit: 4 * mailboxes * (contacts + 100), throttling: limits)
        ).use { try await measure($0) }
    }

    /// Outlook's limits scaled down to the options; the directory's out of the way.
    private var limits: ThrottlingOptions {
        ThrottlingOptions(
            mailboxRequestsPerWindow: windowRequests,
            mailboxWindowSeconds: windowSeconds,
            directoryRequestsPerWindow: 1_000_000
        )
    }

    private func measure(_ deployment: SimulatedDeployment) async throws {
        let job = try await deployment.ceilingJob(concurrency: mailboxes)
        let executor = try deployment.benchExecutor()
        let (report, figures) = await BenchFigures.measure(
            "first sync",
            executor: executor,
            job: job,
            logger: SimulatedDeployment.benchLogger
        )
        let log = await deployment.simulator.control.requestLog()
        print(figures.printed())
        print(
            CeilingFigures(log: log)
                .printed(writes: figures.contactsWritten, seconds: figures.seconds, bench: self, report: report)
        )
    }
}

/// What the simulator's request log says about a ceiling run.
struct CeilingFigures {
    /// Mailbox requests the service admitted (each inside a `$batch` counted).
    var admitted = 0
    /// Inner requests answered 429, and the distinct requests among them that were answered 429 more than once.
    var throttleEvents = 0
    var throttledRequests = 0
    var throttledRepeatedly = 0

    init(log: [RequestLogEntry]) {
        var throttles: [String: Int] = [:]
        for entry in log where entry.mailbox != nil && entry.endpoint.hasPrefix("graph.mailbox") {
            guard entry.status == 429 else {
                admitted += 1
                continue
            }
            if entry.batchId != nil {
                throttleEvents += 1
                throttles["\(entry.mailbox ?? "") \(entry.digest ?? "")", default: 0] += 1
            }
        }
        throttledRequests = throttles.count
        throttledRepeatedly = throttles.values.filter { $0 > 1 }.count
    }

    /// The most writes per second a perfectly paced run of this size reaches: a window limit lets a mailbox
    /// spend a whole window's budget at once, so `k` windows take `k - 1` window lengths plus the last burst.
    func bound(writes: Int, bench: CeilingBench) -> (windows: Int, rate: Double)? {
        let perMailbox = Double(admitted) / Double(max(1, bench.mailboxes))
        let windows = Int((perMailbox / Double(bench.windowRequests)).rounded(.up))
        guard windows > 1 else { return nil }
        return (windows, Double(writes) / (Double(windows - 1) * bench.windowSeconds))
    }

    func printed(writes: Int, seconds: Double, bench: CeilingBench, report: JobReport) -> String {
        let rate = seconds > 0 ? Double(writes) / seconds : 0
        let ceiling = bench.ceiling
        let bound = bound(writes: writes, bench: bench).map { windows, most in
            String(
                format: "%d windows per mailbox: a perfectly paced run reaches %.1f/s (%.0f%% of the ceiling); "
                    + "achieved %.0f%% of that",
                windows,
                most,
                100 * most / ceiling,
                100 * rate / most
            )
        }
        return """
              ceiling: \(String(format: "%.1f", ceiling)) requests/s; achieved: \(String(format: "%.1f", rate)) \
            writes/s = \(String(format: "%.0f", 100 * rate / ceiling))% of the ceiling
              \(bound ?? "the run fit in one window per mailbox: the ceiling did not bind")
              throttled: \(throttleEvents) inner 429s, \(throttledRequests) requests throttled, \
            \(throttledRepeatedly) more than once; mailbox requests admitted: \(admitted); client retries: \
            \(report.requests.retries) (throttled: \(report.requests.throttled)); job: \(report.status.rawValue)
            """
    }
}

extension SimulatedDeployment {
    /// Writes `jobs.d/ceiling.json`, a personal contacts job from `contoso` into all its mailboxes, `concurrency`
    /// of them at once, and loads it.
    fileprivate func ceilingJob(concurrency: Int) async throws -> JobDefinition {
        let mailboxes = try await mailboxAddresses().map { "\"\($0)\"" }.joined(separator: ", ")
        let json = """
            {"kind": "personalContacts", "schedule": {"interval": "1h"},
             "source": {"tenant": "contoso", "requireAssignedLicense": false},
             "target": {"mailboxes": [\(mailboxes)], "maxConcurrentMailboxes": \(concurrency)}}
            """
        try json.write(toFile: directory.appending("jobs.d/ceiling.json"), atomically: true, encoding: .utf8)
        let loaded = try ConfigurationLoader.load(directory: directory.path, environment: [:])
        guard let job = loaded.jobs.first(where: { $0.name == "ceiling" }) else {
            throw BenchmarkError(message: "the ceiling job was not loaded from \(directory.path)")
        }
        return job
    }
}
