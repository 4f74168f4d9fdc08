import Dispatch
import Foundation

/// A child `m365sim` process started for the demo; the server stack stays out of the m365sync binary.
final class SimulatorProcess: Sendable {
    /// What `m365sim --json` prints on start.
    struct Info: Decodable, Sendable {
        struct Tenant: Decodable, Sendable {
            var tenantId: String
            var domain: String
            var clientId: String
            var clientSecret: String
            var mailboxUserIds: [String]
        }

        var baseURL: String
        var caFile: String?
        var tenants: [Tenant]
    }

    let info: Info
    private let process: Process
    /// The write end of the child's standard input: when this process ends, however it ends, the pipe
    /// closes and m365sim (`--stop-at-end-of-input`) stops, so a killed demo leaves no server behind.
    private let lifeline: Pipe
    /// Signalled when the child has exited (and kept signalled once a `stop()` has seen it).
    private let exited: DispatchSemaphore

    private init(process: Process, info: Info, lifeline: Pipe, exited: DispatchSemaphore) {
        self.process = process
        self.info = info
        self.lifeline = lifeline
        self.exited = exited
    }

    /// Starts `m365sim` with `arguments` plus `--json` and waits for its start line.
    static func launch(executable: URL, arguments: [String]) throws -> SimulatorProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--json", "--stop-at-end-of-input"]
        let lifeline = Pipe()
        process.standardInput = lifeline
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        var line = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
            if chunk.contains(UInt8(ascii: "\n")) { break }
        }
        guard let end = line.firstIndex(of: UInt8(ascii: "\n")),
            let info = try? JSONDecoder().decode(Info.self, from: line[..<end])
        else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            throw DemoError("m365sim did not start (exit status \(process.terminationStatus))")
        }
        return SimulatorProcess(process: process, info: info, lifeline: lifeline, exited: exited)
    }

    /// Stops the simulator with SIGTERM and waits for its exit (at most 10 s). Safe from any thread, a signal
    /// handler's queue included: it waits on the termination event rather than running a run loop.
    func stop() {
        try? lifeline.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        if exited.wait(timeout: .now() + 10) == .success { exited.signal() }
    }

    /// `m365sim` next to the running executable.
    static func besideExecutable() -> URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("m365sim")
    }
}

/// A demo step that could not be done.
struct DemoError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
