import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A built executable running as a child process, to be killed with SIGKILL at a moment the test chooses.
///
/// The child is killed when the value goes away, so a failing test never leaves it behind.
public final class KillableProcess: @unchecked Sendable {
    private let process = Process()
    private let folder: URL
    private let exit = ExitWatch()

    /// Starts the built executable `name` with `arguments`; its output goes to files removed with the value.
    public init(_ name: String, arguments: [String], environment: [String: String]? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("m365sync-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("output")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = try BuiltProducts.executable(name)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let exit = self.exit
        process.terminationHandler = { _ in
            let handlers = exit.state.withLock { state in
                state.ended = true
                defer { state.handlers = [] }
                return state.handlers
            }
            handlers.forEach { $0() }
        }
        try process.run()
        try? handle.close()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Kills the child with SIGKILL (no handler, no cleanup, as a power cut or the OOM killer would) and waits
    /// for it to be gone. Blocking: call it from `offCooperativePool` in async tests. True when it was still
    /// running, so the kill happened at the moment the test chose.
    public func kill9() -> Bool {
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return wasRunning && process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// Calls `handler` once the child has ended (at once when it has already).
    public func whenExited(_ handler: @escaping @Sendable () -> Void) {
        let ended = exit.state.withLock { state in
            if !state.ended { state.handlers.append(handler) }
            return state.ended
        }
        if ended { handler() }
    }

    /// Waits for the child to end. Blocking: call it from `offCooperativePool` in async tests.
    public func waitForExit() {
        process.waitUntilExit()
    }

    /// Waits for the child to end by itself; true when it was killed by SIGKILL (a crash point it hit).
    /// Blocking: call it from `offCooperativePool` in async tests.
    public func waitForSIGKILL() -> Bool {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// What the child wrote to stdout and stderr so far.
    public var output: String {
        (try? String(contentsOf: folder.appendingPathComponent("output"), encoding: .utf8)) ?? ""
    }
}

/// Whether a child has ended, and who waits for it.
private final class ExitWatch: Sendable {
    let state = Mutex<(ended: Bool, handlers: [@Sendable () -> Void])>((false, []))
}
