import Foundation
import M365TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `m365sync daemon` as the benches run it: in the environment the systemd unit gives it (``ServiceEnvironment``),
/// its readiness and the end of its runs read from a notify socket, its output in `root`.
struct BenchDaemon: Sendable {
    let process: SpawnedProcess
    let notify: NotifySocket
    let root: String

    /// Starts `command` (the m365sync binary, or a tool that runs it, with the tool's arguments) followed by
    /// `daemon --config <config>`.
    static func start(_ command: [String], config: String, root: String) throws -> BenchDaemon {
        let notify = try NotifySocket()
        var environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        environment.merge(notify.environment) { $1 }
        environment.merge(ServiceEnvironment.values) { $1 }
        let process = try SpawnedProcess.start(
            command[0],
            Array(command.dropFirst()) + ["daemon", "--config", config],
            environment: environment,
            output: root + "/daemon.stdout",
            error: root + "/daemon.stderr"
        )
        return BenchDaemon(process: process, notify: notify, root: root)
    }

    /// Waits for READY=1.
    func waitUntilReady(timeout: Duration) async throws {
        let notify = notify
        guard try await offCooperativePool({ notify.waitFor("READY", "1", timeout: timeout) }) != nil else {
            throw BenchmarkError(message: "the daemon did not get ready; see \(root)/daemon.stderr")
        }
    }

    /// Starts a run of every job (SIGUSR1) and waits for the STATUS line that reports its end; throws unless it
    /// says `job` succeeded.
    func runJobs(expecting job: String, timeout: Duration) async throws {
        process.send(SIGUSR1)
        let notify = notify
        let status = try await offCooperativePool { Self.waitForRunEnd(notify, timeout: timeout) }
        guard let status, status.contains("last: \(job) succeeded") else {
            throw BenchmarkError(message: "the daemon's run did not succeed (\(status ?? "no end")); see \(root)")
        }
    }

    /// Kills the daemon and reaps it.
    func kill() {
        process.send(SIGKILL)
        _ = process.wait()
    }

    /// Reads the daemon's STATUS lines until one names a last result; that line, or nil at the deadline.
    private static func waitForRunEnd(_ notify: NotifySocket, timeout: Duration) -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let message = notify.next(timeout: ContinuousClock.now.duration(to: deadline)) else { return nil }
            if let status = message["STATUS"], status.contains("last: ") { return status }
        }
        return nil
    }
}
