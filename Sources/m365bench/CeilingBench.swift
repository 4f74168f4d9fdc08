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
        var index = 0
        while index + 1 < arguments.count {
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--mailboxes": mailboxes = Int(value) ?? mailboxes
            case "--contacts": contacts = Int(value) ?? contacts
            case "--window-requests": windowRequests = Int(value) ?? windowRequests
            case "--window-seconds": windowSeconds = Double(value) ?? windowSeconds
            default: break
            }
            index += 2
        }
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
        let started = Date().timeIntervalSince1970
        let (report, figures) = await BenchFigures.measure(
            "first sync",
            executor: executor,
            job: job,
            logger: SimulatedDeployment.benchLogger
        )
        let log = await deployment.simulator.control.requestLog()
        print(figures.printed())
        print(
            CeilingFigures(log: log, started: started, seconds: figures.seconds, window: windowSeconds)
                .printed(writes: figures.contactsWritten, ceiling: ceiling, report: report)
        )
    }
}

/// What the simulator's request log says about a ceiling run.
struct CeilingFigures {
    /// Writes inside `$batch` the service applied, and when.
    var appliedWriteTimes: [Double] = []
    /// Inner requests answered 429, and the distinct requests among them that were answered 429 more than once.
    var throttleEvents = 0
    var throttledRequests = 0
    var throttledRepeatedly = 0
    var started: Double
    var seconds: Double
    var window: Double

    init(log: [RequestLogEntry], started: Double, seconds: Double, window: Double) {
        self.started = started
        self.seconds = seconds
        self.window = window
        var throttles: [String: Int] = [:]
        for entry in log where entry.batchId != nil && entry.endpoint.hasPrefix("graph.mailbox") {
            if entry.status == 429 {
                throttleEvents += 1
                throttles["\(entry.mailbox ?? "") \(entry.digest ?? "")", default: 0] += 1
            } else if entry.method != "GET", (200..<300).contains(entry.status) {
                appliedWriteTimes.append(entry.time)
            }
        }
        throttledRequests = throttles.count
        throttledRepeatedly = throttles.values.filter { $0 > 1 }.count
    }

    /// Writes per second after the first window: a window-based limit lets a run start with a whole window's
    /// budget at once, which flatters a short run's average.
    var steadyRate: Double? {
        let span = seconds - window
        guard span > 0 else { return nil }
        return Double(appliedWriteTimes.filter { $0 >= started + window }.count) / span
    }

    func printed(writes: Int, ceiling: Double, report: JobReport) -> String {
        let rate = seconds > 0 ? Double(writes) / seconds : 0
        let steady = steadyRate.map {
            String(format: "%.1f/s = %.0f%% of the ceiling", $0, 100 * $0 / ceiling)
        }
        return """
              ceiling: \(String(format: "%.1f", ceiling)) requests/s; achieved: \(String(format: "%.1f", rate)) \
            writes/s = \(String(format: "%.0f", 100 * rate / ceiling))% of the ceiling \
            (after the first window: \(steady ?? "n/a, the run was shorter than a window"))
              throttled: \(throttleEvents) inner 429s, \(throttledRequests) requests throttled, \
            \(throttledRepeatedly) more than once; client retries: \(report.requests.retries) \
            (throttled: \(report.requests.throttled)); job: \(report.status.rawValue)
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
