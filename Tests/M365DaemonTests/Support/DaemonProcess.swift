import Foundation
import M365TestSupport

/// The built `m365sync daemon` running as a child process with a test-owned `NOTIFY_SOCKET`.
///
/// The child is killed when the value goes away, so a failing test never leaves it behind. Every wait runs off
/// the cooperative pool, which the child's exit needs to be observed.
final class DaemonProcess: Sendable {
    let notify: NotifySocket
    let standardErrorPath: String
    private let child: KillableProcess

    private init(notify: NotifySocket, standardErrorPath: String, child: KillableProcess) {
        self.notify = notify
        self.standardErrorPath = standardErrorPath
        self.child = child
    }

    /// Starts `m365sync daemon --config <directory>`; `environment` adds variables such as `WATCHDOG_USEC`;
    /// `umask` (octal text such as "077", as systemd's `UMask=`) runs it through a shell that sets it first.
    static func start(
        configDirectory: String,
        scratch: ScratchDirectory,
        environment: [String: String] = [:],
        umask: String? = nil
    ) async throws -> DaemonProcess {
        let notify = try NotifySocket()
        let standardErrorPath = scratch.appending("daemon.stderr")
        let binary = try BuiltProducts.executable("m365sync")
        var arguments = ["daemon", "--config", configDirectory]
        var executable = binary
        if let umask {
            executable = URL(fileURLWithPath: "/bin/sh")
            arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", binary.path] + arguments
        }
        let child = try await KillableProcess.start(
            executable: executable,
            arguments: arguments,
            environment: childEnvironment(notify: notify, adding: environment),
            error: .file(standardErrorPath)
        )
        return DaemonProcess(notify: notify, standardErrorPath: standardErrorPath, child: child)
    }

    /// A plain PATH and locale, the sanitizer options and the notify socket, then `extra`.
    private static func childEnvironment(notify: NotifySocket, adding extra: [String: String]) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        // A sanitizer build's child needs the same suppressions as the test process (make sanitize sets them).
        for name in ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"] {
            environment[name] = ProcessInfo.processInfo.environment[name]
        }
        environment.merge(notify.environment) { $1 }
        environment.merge(extra) { $1 }
        return environment
    }

    var pid: Int32 { child.pid }

    func send(_ signal: Int32) {
        child.send(signal)
    }

    /// The exit status, or nil if the child is still running after `timeout` (scaled by ``TestTimeScale``).
    func waitForExit(timeout: Duration) async throws -> Int32? {
        let child = self.child
        return try await offCooperativePool { child.waitForExit(timeout: TestTimeScale.scaled(timeout)) }
    }

    var isRunning: Bool { child.isRunning }

    /// The names of the child's threads, from `/proc`.
    var threadNames: [String] {
        let tasks = "/proc/\(pid)/task"
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
        return ids.compactMap { id in
            (try? TextFile.read("\(tasks)/\(id)/comm"))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    var standardError: String {
        (try? TextFile.read(standardErrorPath)) ?? ""
    }

    /// Reads notify messages until one has `name` (and `value`, when given); nil at the deadline (`timeout`
    /// scaled by ``TestTimeScale``).
    func waitFor(
        _ name: String,
        _ value: String? = nil,
        timeout: Duration = .seconds(20)
    ) async throws -> NotifySocket.Message? {
        let notify = self.notify
        return try await offCooperativePool { notify.waitFor(name, value, timeout: TestTimeScale.scaled(timeout)) }
    }

    /// Reads notify messages until a STATUS line satisfies `predicate`; nil at the deadline (`timeout` scaled by
    /// ``TestTimeScale``).
    func waitForStatus(
        timeout: Duration = .seconds(20),
        _ predicate: @escaping @Sendable (String) -> Bool
    ) async throws -> String? {
        let notify = self.notify
        return try await offCooperativePool {
            let deadline = ContinuousClock.now + TestTimeScale.scaled(timeout)
            while ContinuousClock.now < deadline {
                guard let message = notify.next(timeout: ContinuousClock.now.duration(to: deadline)) else { return nil }
                if let status = message["STATUS"], predicate(status) { return status }
            }
            return nil
        }
    }
}
