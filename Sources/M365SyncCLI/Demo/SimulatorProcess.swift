import Foundation
import Subprocess
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A child `m365sim` process started for the demo; the server stack stays out of the m365sync binary.
struct SimulatorProcess: Sendable {
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
    private let processIdentifier: ProcessIdentifier

    /// How long the simulator may take to stop on SIGTERM before it is killed.
    private static let stopGrace = Duration.seconds(10)

    /// Starts `m365sim` with `arguments` plus `--json`, waits for its start line and runs `body` with it; then
    /// stops it (SIGTERM, SIGKILL after 10 s) and waits for its exit, whether `body` returned or threw.
    ///
    /// Its standard input is a pipe from this process: when m365sync ends, however it ends, the pipe closes and
    /// m365sim (`--stop-at-end-of-input`) stops, so a killed demo leaves no server behind.
    static func run(
        executable: URL,
        arguments: [String],
        _ body: (SimulatorProcess) async throws -> Void
    ) async throws {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: stopGrace)]
        let outcome = try await Subprocess.run(
            .path(FilePath(executable.path)),
            arguments: Arguments(arguments + ["--json", "--stop-at-end-of-input"]),
            platformOptions: options,
            input: .inputWriter,
            output: .sequence,
            error: .discarded
        ) { execution in
            guard let info = try await startLine(execution.standardOutput) else { return false }
            try await body(SimulatorProcess(info: info, processIdentifier: execution.processIdentifier))
            await execution.teardown(using: [.gracefulShutDown(allowedDurationToNextStep: stopGrace)])
            return true
        }
        guard outcome.closureResult else {
            throw DemoError("m365sim did not start (\(outcome.terminationStatus))")
        }
    }

    /// The start line m365sim prints, or nil when its output ends (or holds something else) first.
    private static func startLine(_ output: SubprocessOutputSequence) async throws -> Info? {
        for try await line in output.strings() {
            return try? JSONDecoder().decode(Info.self, from: Data(line.utf8))
        }
        return nil
    }

    /// Stops the simulator with SIGTERM and waits for its exit (at most 10 s), synchronously: for a signal
    /// handler's queue, which exits the process right after.
    func stopNow() {
        kill(processIdentifier.value, SIGTERM)
        let descriptor = processIdentifier.processDescriptor
        guard descriptor >= 0 else { return }
        var exited = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&exited, 1, Int32(Self.stopGrace.components.seconds * 1000))
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
