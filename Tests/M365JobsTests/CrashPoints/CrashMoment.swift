import Foundation
import M365Simulator
import M365TestSupport
import Testing

/// When the real `m365sync run` is killed with SIGKILL, relative to one write.
enum CrashMoment: String, CaseIterable, Sendable {
    /// The request reached the service, which had not applied it yet.
    case beforeApplying
    /// The service applied the request; its answer never arrived.
    case afterApplying
    /// The answer arrived; nothing after it (a state commit, the next step) happened.
    case afterResponse
}

/// The write the process is killed at: how the simulator logs it and how the client names it.
struct WriteMatcher: Sendable {
    var endpoint: String
    var method: String? = nil
    var cmdlet: String? = nil
    /// The client's request kind, for the kill-after-response hook (`graph.batch`, `exchange.New-MailContact`).
    var kind: String

    func matches(_ entry: RequestLogEntry) -> Bool {
        entry.endpoint == endpoint && (method.map { $0 == entry.method } ?? true)
            && (cmdlet.map { $0.lowercased() == entry.cmdlet?.lowercased() } ?? true)
    }
}

/// Runs `m365sync run --job <job>` as a child process and kills it with SIGKILL at `moment` of the first write
/// that `write` matches; returns once the child is gone and every fault is cleared.
func runKilled(
    job: String,
    configuration: String,
    control: SimulatorControl,
    at write: WriteMatcher,
    moment: CrashMoment,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let arguments = ["run", "--config", configuration, "--job", job]
    switch moment {
    case .beforeApplying, .afterApplying:
        let action: FaultRule.Action =
            moment == .beforeApplying ? .stallBeforeApplying(seconds: 300) : .stallAfterApplying(seconds: 300)
        await control.setFault(
            FaultRule(
                endpoint: write.endpoint,
                method: write.method,
                cmdlet: write.cmdlet,
                action: action,
                limit: 1,
                insideBatch: false
            )
        )
        let child = try await KillableProcess.start("m365sync", arguments: arguments)
        let stalled = await control.waitForRequest { write.matches($0) && $0.fault != nil }
        try #require(stalled != nil, "the write never arrived: \(child.output)", sourceLocation: sourceLocation)
        let killed = try await offCooperativePool { child.kill9() }
        #expect(killed, "killed while the run waited", sourceLocation: sourceLocation)
        await control.clearFaults()
    case .afterResponse:
        var environment = ProcessInfo.processInfo.environment
        environment["M365SYNC_TEST_KILL_AFTER_RESPONSE"] = write.kind
        let child = try await KillableProcess.start("m365sync", arguments: arguments, environment: environment)
        let killed = try await offCooperativePool { child.waitForSIGKILL() }
        #expect(killed, "the run reached the crash point: \(child.output)", sourceLocation: sourceLocation)
    }
}
