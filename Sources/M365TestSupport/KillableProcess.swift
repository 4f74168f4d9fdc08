import Foundation
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A child process a test starts, signals, feeds, reads and waits for, to be killed with SIGKILL at a moment
/// the test chooses.
///
/// The child runs through swift-subprocess (Foundation's `Process.run` overreads `/proc/self/fd` in a test process
/// with many descriptors). It is killed when the value goes away, so a failing test never leaves it behind.
public final class KillableProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t
    private let exit: ExitWatch
    private let folder: URL?
    private let inputPipe: Mutex<FileDescriptor?>
    private let outputPipe: FileDescriptor?

    private init(pid: pid_t, exit: ExitWatch, folder: URL?, streams: ChildStreams) {
        self.pid = pid
        self.exit = exit
        self.folder = folder
        inputPipe = Mutex(streams.inputPipe)
        outputPipe = streams.outputPipe
    }

    /// Starts the built executable `name` with `arguments` and returns once it runs; its output goes to a file
    /// removed with the value (see ``output``). `environment` replaces the child's environment when given.
    public static func start(
        _ name: String,
        arguments: [String],
        environment: [String: String]? = nil
    ) async throws -> KillableProcess {
        let executable = try BuiltProducts.executable(name)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("m365sync-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = ChildStream.file(folder.appendingPathComponent("output").path)
        let streams = try ChildStreams(input: .null, output: output, error: output)
        return try await start(executable, arguments, environment, streams, folder: folder)
    }

    /// Starts `executable` with `arguments` and returns once it runs. `environment` replaces the child's
    /// environment when given; its standard streams go where `input`, `output` and `error` say.
    public static func start(
        executable: URL,
        arguments: [String],
        environment: [String: String]? = nil,
        input: ChildStream = .null,
        output: ChildStream = .null,
        error: ChildStream = .null
    ) async throws -> KillableProcess {
        let streams = try ChildStreams(input: input, output: output, error: error)
        return try await start(executable, arguments, environment, streams, folder: nil)
    }

    private static func start(
        _ executable: URL,
        _ arguments: [String],
        _ environment: [String: String]?,
        _ streams: ChildStreams,
        folder: URL?
    ) async throws -> KillableProcess {
        let exit = ExitWatch()
        let pid = try await withCheckedThrowingContinuation { (started: CheckedContinuation<pid_t, any Error>) in
            let once = ResumeOnce(started)
            Task.detached {
                do {
                    let result = try await Subprocess.run(
                        .path(FilePath(executable.path)),
                        arguments: Arguments(arguments),
                        environment: environment.map { .custom(BuiltProducts.childEnvironment($0)) } ?? .inherit,
                        input: .fileDescriptor(streams.input, closeAfterSpawningProcess: true),
                        output: .fileDescriptor(streams.output, closeAfterSpawningProcess: true),
                        error: .fileDescriptor(streams.error, closeAfterSpawningProcess: true)
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
        exit.watch(pid)
        return KillableProcess(pid: pid, exit: exit, folder: folder, streams: streams)
    }

    /// Kills a child still running (without waiting: the task that ran it reaps it), closes the pipe ends the
    /// test held and removes the output folder.
    deinit {
        if !exit.hasEnded { kill(pid, SIGKILL) }
        closeInput()
        try? outputPipe?.close()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}

extension KillableProcess {
    /// Whether the child has not ended yet.
    public var isRunning: Bool { !exit.hasEnded }

    /// Sends `signal` to the child while it runs.
    public func send(_ signal: Int32) {
        if !exit.hasEnded { kill(pid, signal) }
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

    /// Waits for the child to end; its exit code, or the signal that ended it (nil when that could not be
    /// observed). Blocking: call it from `offCooperativePool` in async tests.
    public func waitForExit() -> Int32? {
        exit.wait()?.code
    }

    /// Like ``waitForExit()``, but nil when the child still runs after `timeout`.
    public func waitForExit(timeout: Duration) -> Int32? {
        guard exit.wait(timeout: timeout) else { return nil }
        return exit.wait()?.code
    }

    /// Waits for the child to end by itself; true when it was killed by SIGKILL (a crash point it hit).
    /// Blocking: call it from `offCooperativePool` in async tests.
    public func waitForSIGKILL() -> Bool {
        exit.wait() == .signaled(SIGKILL)
    }

    /// What the child wrote to stdout and stderr so far, for a child started by product name.
    public var output: String {
        guard let folder else { return "" }
        return (try? TextFile.read(folder.appendingPathComponent("output").path)) ?? ""
    }

    /// Reads the child's standard output (a ``ChildStream/pipe``) up to the next newline or its end; the line
    /// without the newline. Blocking: call it from `offCooperativePool` in async tests.
    public func readOutputLine() throws -> String {
        guard let outputPipe else { return "" }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while try withUnsafeMutableBytes(of: &byte, { try outputPipe.read(into: $0) }) == 1,
            byte != UInt8(ascii: "\n")
        {
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// Closes the test's end of the child's standard input (a ``ChildStream/pipe``): the child reads its end.
    public func closeInput() {
        try? inputPipe.withLock { $0.take() }?.close()
    }
}

extension TerminationStatus {
    /// The exit code, or the signal that ended the child.
    var code: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal): signal
        }
    }
}
