import Foundation
import M365Core
import M365Simulator
import M365State
import M365TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `m365sync daemon` binary, driven with real signals and observed through a test-owned NOTIFY_SOCKET.
///
/// Runs go to a simulator that does not know the tenant, so they fail at once and the tests need no credentials.
@Suite("m365sync daemon binary", .serialized)
struct DaemonBinaryTests {
    @Test("READY after the configuration loads, STOPPING and exit 0 on SIGTERM")
    func readyAndStop() async throws {
        let fixture = try DaemonConfigurationFixture()
        try fixture.writeJob("alpha")
        let daemon = try await DaemonProcess.start(configDirectory: fixture.configDirectory, scratch: fixture.scratch)
        let ready = try #require(try await daemon.waitFor("READY", "1"), "no READY=1; stderr: \(daemon.standardError)")
        #expect(ready["STATUS"]?.hasPrefix("1 job; next: alpha at ") == true)
        daemon.send(SIGTERM)
        #expect(try await daemon.waitFor("STOPPING", "1") != nil)
        #expect(try await daemon.waitForExit(timeout: .seconds(30)) == 0)
        #expect(fixture.logText().contains("msg=\"Daemon stopped\""))
    }

    @Test("SIGHUP with a good configuration: RELOADING, then READY with the new job scheduled")
    func reloadGood() async throws {
        let fixture = try DaemonConfigurationFixture()
        try fixture.writeJob("alpha")
        let daemon = try await DaemonProcess.start(configDirectory: fixture.configDirectory, scratch: fixture.scratch)
        try #require(try await daemon.waitFor("READY", "1") != nil, "no READY=1; stderr: \(daemon.standardError)")
        try fixture.writeJob("beta")
        daemon.send(SIGHUP)
        let reloading = try #require(try await daemon.waitFor("RELOADING", "1"))
        #expect(reloading["MONOTONIC_USEC"] != nil)
        let ready = try #require(try await daemon.waitFor("READY", "1"))
        #expect(ready["STATUS"]?.hasPrefix("2 jobs; next: ") == true)
        #expect(fixture.logText().contains("event=configurationReloaded added=beta"))
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(30)) == 0)
        let store = try #require(try StateStore.openForReading(directory: fixture.stateDirectory))
        #expect(try store.nextRun(job: "beta") == nil, "next runs are cleared at stop")
    }

    @Test("SIGHUP with a broken configuration: rejected with precise errors, the old jobs stay scheduled")
    func reloadBroken() async throws {
        try await withSimulator { simulator in
            let fixture = try DaemonConfigurationFixture(endpoint: simulator.baseURL)
            try fixture.writeJob("alpha")
            let daemon = try await DaemonProcess.start(
                configDirectory: fixture.configDirectory,
                scratch: fixture.scratch
            )
            try #require(
                (try await daemon.waitFor("READY", "1")) != nil,
                "no READY=1; stderr: \(daemon.standardError)"
            )
            try fixture.writeBrokenJob("beta")
            daemon.send(SIGHUP)
            #expect((try await daemon.waitFor("RELOADING", "1")) != nil)
            let ready = try #require((try await daemon.waitFor("READY", "1")))
            let status = try #require(ready["STATUS"])
            #expect(status.hasPrefix("1 job; next: alpha at "))
            #expect(status.contains("reload rejected"))
            let log = fixture.logText()
            #expect(log.contains("event=configurationRejected"))
            #expect(log.contains("jobs.d/beta.json: .schedule.intervall"))
            #expect(log.contains("jobs.d/beta.json: .source.tenant"))
            #expect(daemon.isRunning)
            daemon.send(SIGUSR1)
            let ran = try await daemon.waitForStatus { $0.contains("last: alpha") }
            #expect(ran != nil, "alpha still runs after the rejected reload")
            daemon.send(SIGTERM)
            let exit = try await daemon.waitForExit(timeout: .seconds(30))
            #expect(exit == 0, "stderr: \(daemon.standardError.suffix(4_000))")
        }
    }

    @Test("SIGUSR1 runs every enabled job now, recorded in the log and the state store")
    func runNow() async throws {
        try await withSimulator { simulator in
            let fixture = try DaemonConfigurationFixture(endpoint: simulator.baseURL)
            try fixture.writeJob("alpha")
            try fixture.writeJob("beta")
            let daemon = try await DaemonProcess.start(
                configDirectory: fixture.configDirectory,
                scratch: fixture.scratch
            )
            try #require(
                (try await daemon.waitFor("READY", "1")) != nil,
                "no READY=1; stderr: \(daemon.standardError)"
            )
            #expect(!fixture.logText().contains("event=runStarted"), "runOnStart is off: nothing ran yet")
            #expect(!daemon.threadNames.contains("m365-curl"), "libcurl is set up only when a job first runs")
            daemon.send(SIGUSR1)
            let status = try await daemon.waitForStatus {
                $0.contains("last: ") && !$0.contains("running")
            }
            #expect(status != nil)
            let released = try await fixture.waitForLog("Returned free memory to the system")
            #expect(released, "the daemon gives memory back once idle")
            #expect(!daemon.threadNames.contains("m365-curl"), "the idle daemon let its transport go")
            daemon.send(SIGTERM)
            let exit = try await daemon.waitForExit(timeout: .seconds(30))
            #expect(exit == 0, "stderr: \(daemon.standardError.suffix(4_000))")
            let log = fixture.logText()
            #expect(log.contains("event=runStarted job=alpha"))
            #expect(log.contains("event=runStarted job=beta"))
            #expect(log.contains("trigger=manual"))
            let store = try #require(try StateStore.openForReading(directory: fixture.stateDirectory))
            let alpha = try #require(try store.lastRun(job: "alpha"))
            #expect(alpha.finishedAt != nil)
            #expect(alpha.outcome?.status == .failed, "the simulator knows no such tenant, so the run fails")
            #expect(try store.lastRun(job: "beta") != nil)
        }
    }

    @Test("WATCHDOG=1 pings at half of WATCHDOG_USEC")
    func watchdog() async throws {
        let fixture = try DaemonConfigurationFixture()
        try fixture.writeJob("alpha")
        let daemon = try await DaemonProcess.start(
            configDirectory: fixture.configDirectory,
            scratch: fixture.scratch,
            environment: ["WATCHDOG_USEC": "400000"]
        )
        try #require(try await daemon.waitFor("READY", "1") != nil, "no READY=1; stderr: \(daemon.standardError)")
        let start = ContinuousClock.now
        #expect(try await daemon.waitFor("WATCHDOG", "1", timeout: .seconds(5)) != nil)
        #expect(try await daemon.waitFor("WATCHDOG", "1", timeout: .seconds(5)) != nil)
        #expect(try await daemon.waitFor("WATCHDOG", "1", timeout: .seconds(5)) != nil)
        #expect(ContinuousClock.now - start < .seconds(5))
        daemon.send(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(30)) == 0)
    }

    @Test("without WATCHDOG_USEC there are no pings")
    func noWatchdog() async throws {
        let fixture = try DaemonConfigurationFixture()
        try fixture.writeJob("alpha")
        let daemon = try await DaemonProcess.start(configDirectory: fixture.configDirectory, scratch: fixture.scratch)
        try #require(try await daemon.waitFor("READY", "1") != nil, "no READY=1; stderr: \(daemon.standardError)")
        daemon.send(SIGTERM)
        #expect(try await daemon.waitFor("STOPPING", "1") != nil)
        #expect(try await daemon.waitForExit(timeout: .seconds(30)) == 0)
        #expect(!daemon.notify.received.contains { $0["WATCHDOG"] != nil })
    }

    @Test("an invalid configuration at start exits 78 and lists every error; READY is never sent")
    func invalidAtStart() async throws {
        let fixture = try DaemonConfigurationFixture()
        try fixture.writeBrokenJob("alpha")
        let daemon = try await DaemonProcess.start(configDirectory: fixture.configDirectory, scratch: fixture.scratch)
        #expect(try await daemon.waitForExit(timeout: .seconds(30)) == 78)
        let errors = daemon.standardError
        #expect(errors.contains("jobs.d/alpha.json: .schedule.intervall"))
        #expect(errors.contains("jobs.d/alpha.json: .source.tenant"))
        #expect(daemon.notify.next(timeout: .milliseconds(100)) == nil)
    }
}
