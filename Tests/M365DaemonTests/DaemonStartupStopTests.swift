import Foundation
import M365Core
import M365Daemon
import M365State
import M365Systemd
import M365TestSupport
import Synchronization
import Testing

/// The daemon in process, driven through `deliver` at the moments a real signal can arrive.
@Suite("Daemon stop during start-up")
struct DaemonStartupStopTests {
    @Test(
        "A stop handled after the signals are trapped but before start ends run() without READY",
        .timeLimit(.minutes(1))
    )
    func stopBeforeStart() async throws {
        let fixture = try DaemonConfigurationFixture()
        try fixture.writeJob("alpha", runOnStart: true)
        let socket = try NotifySocket()
        let runner = CountingRunner()
        let directory = fixture.configDirectory
        let options = DaemonOptions(
            loadConfiguration: { () throws(ConfigurationError) in
                try ConfigurationLoader.load(directory: directory, environment: [:])
            },
            runner: runner,
            notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path]),
            trapsSignals: false
        )
        let daemon = Daemon(options: options)
        // The signal handler runs on the daemon's queue before run() reaches it, as a SIGTERM that arrives
        // right after the signal sources are registered does.
        daemon.deliver(.terminate)
        // Before the fix run() never returned: wait for it with a deadline so that a regression fails, not hangs.
        let exit = try #require(await returned(within: .seconds(30)) { await daemon.run() }, "run() never returned")
        #expect(exit.exitCode == 0)
        #expect(runner.count == 0, "no job starts after a stop request")
        // Datagrams on a local socket are queued when sent, so everything the daemon said is there now.
        var messages: [NotifySocket.Message] = []
        while let message = socket.next(timeout: .zero) { messages.append(message) }
        #expect(messages.contains { $0["STOPPING"] == "1" })
        #expect(!messages.contains { $0["READY"] == "1" }, "READY is never sent once stopping")
    }
}

/// `body`'s result, or nil when it has not returned within `limit` (it is left running).
private func returned<T: Sendable>(
    within limit: Duration,
    _ body: @escaping @Sendable () async -> T
) async -> T? {
    let result = Mutex<T??>(nil)
    return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
        let resume = { @Sendable (value: T?) in
            let first = result.withLock { stored -> Bool in
                guard stored == nil else { return false }
                stored = .some(value)
                return true
            }
            if first { continuation.resume(returning: value) }
        }
        Task { resume(await body()) }
        Task {
            try? await Task.sleep(for: limit)
            resume(nil)
        }
    }
}

/// Counts the runs it is asked for and fails each at once.
private final class CountingRunner: JobRunner {
    private let runs = Atomic<Int>(0)
    var count: Int { runs.load(ordering: .relaxed) }

    func run(_ job: JobDefinition, context: JobRunContext) async -> RunOutcome {
        runs.add(1, ordering: .relaxed)
        return RunOutcome(status: .failed, error: "not run in this test")
    }
}
