import Dispatch
import Foundation
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A built executable running as a child process, to be killed with SIGKILL at a moment the test chooses.
///
/// The child runs through swift-subprocess (Foundation's `Process.run` overreads `/proc/self/fd` in a test process
/// with many descriptors). It is killed when the value goes away, so a failing test never leaves it behind.
public final class KillableProcess: @unchecked Sendable {
    private let folder: URL
    private let exit: ExitWatch
    private let pid: pid_t

    private init(folder: URL, exit: ExitWatch, pid: pid_t) {
        self.folder = folder
        self.exit = exit
        self.pid = pid
    }

    /// Starts the built executable `name` with `arguments` and returns once it runs; its output goes to a file
    /// removed with the value. `environment` replaces the child's environment when given.
    public static func start(
        _ name: String,
        arguments: [String],
        environment: [String: String]? = nil
    ) async throws -> KillableProcess {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("m365sync-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = FilePath(folder.appendingPathComponent("output").path)
        let options: FileDescriptor.OpenOptions = [.create, .append, .closeOnExec]
        let standardOutput = try FileDescriptor.open(output, .writeOnly, options: options, permissions: .ownerReadWrite)
        let standardError = try FileDescriptor.open(output, .writeOnly, options: options, permissions: .ownerReadWrite)
        let executable = try BuiltProducts.executable(name)
        let exit = ExitWatch()
        let pid = try await withCheckedThrowingContinuation { (started: CheckedContinuation<pid_t, any Error>) in
            let once = ResumeOnce(started)
            Task.detached {
                do {
                    let result = try await Subprocess.run(
                        .path(FilePath(executable.path)),
                        arguments: Arguments(arguments),
                        environment: environment.map { .custom(BuiltProducts.childEnvironment($0)) } ?? .inherit,
                        input: .none,
                        output: .fileDescriptor(standardOutput, closeAfterSpawningProcess: true),
                        error: .fileDescriptor(standardError, closeAfterSpawningProcess: true)
                    ) { execution in
                        once.resume(with: .success(execution.processIdentifier.value))
                    }
                    exit.end(result.terminationStatus)
                } catch {
                    once.resume(with: .failure(error))
                    exit.end(nil)
                }
            }
        }
        return KillableProcess(folder: folder, exit: exit, pid: pid)
    }

    /// Kills a child still running (without waiting: the task that ran it reaps it) and removes its folder.
    deinit {
        if !exit.hasEnded { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Kills the child with SIGKILL (no handler, no cleanup, as a power cut or the OOM killer would) and waits
    /// for it to be gone. Blocking: call it from `offCooperativePool` in async tests. True when it was still
    /// running, so the kill happened at the moment the test chose.
    public func kill9() -> Bool {
        let wasRunning = !exit.hasEnded
        kill(pid, SIGKILL)
        return wasRunning && exit.wait() == .signaled(SIGKILL)
    }

    /// Calls `handler` once the child has ended (at once when it has already).
    public func whenExited(_ handler: @escaping @Sendable () -> Void) {
        exit.whenEnded(handler)
    }

    /// Waits for the child to end. Blocking: call it from `offCooperativePool` in async tests.
    public func waitForExit() {
        exit.wait()
    }

    /// Waits for the child to end by itself; true when it was killed by SIGKILL (a crash point it hit).
    /// Blocking: call it from `offCooperativePool` in async tests.
    public func waitForSIGKILL() -> Bool {
        exit.wait() == .signaled(SIGKILL)
    }

    /// What the child wrote to stdout and stderr so far.
    public var output: String {
        (try? String(contentsOf: folder.appendingPathComponent("output"), encoding: .utf8)) ?? ""
    }
}

/// Resumes a continuation once: with the child's pid when it runs, or with why it could not start.
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<pid_t, any Error>?>

    init(_ continuation: CheckedContinuation<pid_t, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<pid_t, any Error>) {
        continuation.withLock { value in
            defer { value = nil }
            return value
        }?.resume(with: result)
    }
}

/// Whether a child has ended (and how), and who waits for it.
private final class ExitWatch: Sendable {
    private let state = Mutex<(ended: Bool, status: TerminationStatus?, handlers: [@Sendable () -> Void])>(
        (false, nil, [])
    )
    private let ended = DispatchSemaphore(value: 0)

    var hasEnded: Bool { state.withLock { $0.ended } }

    /// Records the end (nil when it could not be observed) and calls the waiting handlers.
    func end(_ status: TerminationStatus?) {
        let handlers = state.withLock { value in
            value.ended = true
            value.status = status
            defer { value.handlers = [] }
            return value.handlers
        }
        ended.signal()
        handlers.forEach { $0() }
    }

    /// Blocks until the child has ended; how it ended.
    @discardableResult
    func wait() -> TerminationStatus? {
        ended.wait()
        ended.signal()
        return state.withLock { $0.status }
    }

    func whenEnded(_ handler: @escaping @Sendable () -> Void) {
        let ended = state.withLock { value in
            if !value.ended { value.handlers.append(handler) }
            return value.ended
        }
        if ended { handler() }
    }
}
