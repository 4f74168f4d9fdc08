import Foundation
import M365TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The built `m365sync daemon` running as a child process with a test-owned `NOTIFY_SOCKET`.
///
/// The child is killed when the value goes away, so a failing test never leaves it behind.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let notify: NotifySocket
    let standardErrorPath: String
    private let exited = DispatchSemaphore(value: 0)

    /// Starts `m365sync daemon --config <directory>`; `environment` adds variables such as `WATCHDOG_USEC`;
    /// `umask` (octal text such as "077", as systemd's `UMask=`) runs it through a shell that sets it first.
    init(
        configDirectory: String,
        scratch: ScratchDirectory,
        environment: [String: String] = [:],
        umask: String? = nil
    ) throws {
        notify = try NotifySocket()
        standardErrorPath = scratch.appending("daemon.stderr")
        _ = FileManager.default.createFile(atPath: standardErrorPath, contents: nil)
        let binary = try BuiltProducts.executable("m365sync")
        let arguments = ["daemon", "--config", configDirectory]
        if let umask {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var childEnvironment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        // A sanitizer build's child needs the same suppressions as the test process (make sanitize sets them).
        for name in ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"] {
            childEnvironment[name] = ProcessInfo.processInfo.environment[name]
        }
        childEnvironment.merge(notify.environment) { $1 }
        childEnvironment.merge(environment) { $1 }
        process.environment = childEnvironment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: standardErrorPath))
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// The exit status, or nil if the child is still running after `timeout` (scaled by ``TestTimeScale``).
    func waitForExit(timeout: Duration) -> Int32? {
        let timeout = TestTimeScale.scaled(timeout)
        let milliseconds = Int(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        )
        guard exited.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return nil }
        exited.signal()
        return process.terminationStatus
    }

    var isRunning: Bool { process.isRunning }

    var standardError: String {
        (try? String(contentsOfFile: standardErrorPath, encoding: .utf8)) ?? ""
    }

    /// Reads notify messages until one has `name` (and `value`, when given); nil at the deadline (`timeout`
    /// scaled by ``TestTimeScale``).
    func waitFor(_ name: String, _ value: String? = nil, timeout: Duration = .seconds(20)) -> NotifySocket.Message? {
        notify.waitFor(name, value, timeout: TestTimeScale.scaled(timeout))
    }

    /// Reads notify messages until a STATUS line satisfies `predicate`; nil at the deadline (`timeout` scaled by
    /// ``TestTimeScale``).
    func waitForStatus(timeout: Duration = .seconds(20), _ predicate: (String) -> Bool) -> String? {
        let deadline = ContinuousClock.now + TestTimeScale.scaled(timeout)
        while ContinuousClock.now < deadline {
            guard let message = notify.next(timeout: ContinuousClock.now.duration(to: deadline)) else { return nil }
            if let status = message["STATUS"], predicate(status) { return status }
        }
        return nil
    }
}
