import Foundation
import M365Systemd
import M365TestSupport
import Testing

@Suite struct SystemdNotifierTests {
    @Test func sendsEachStateAsADatagramToTheSocket() throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: socket.environment)
        #expect(notifier.isEnabled)

        notifier.notify(.ready, .status("2 jobs\nnext run 10:00"))
        let ready = try #require(socket.next(timeout: .seconds(5)))
        #expect(ready.text == "READY=1\nSTATUS=2 jobs next run 10:00")

        notifier.notify(.watchdog)
        #expect(socket.next(timeout: .seconds(5))?.text == "WATCHDOG=1")

        notifier.notify(.stopping)
        #expect(socket.next(timeout: .seconds(5))?.text == "STOPPING=1")

        notifier.notify(.mainPID(4242))
        #expect(socket.next(timeout: .seconds(5))?.text == "MAINPID=4242")
        #expect(notifier.failedNotifications == 0)
    }

    /// A datagram socket makes its sender wait while the receiver's queue is full (`net.unix.max_dgram_qlen`, 10
    /// here): the daemon's queue, which also handles SIGTERM, once stayed blocked on a test that stopped reading.
    @Test func aReceiverThatReadsNothingNeverBlocksTheSender() async throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: socket.environment)
        let pings = 200
        let done = DispatchSemaphore(value: 0)
        Thread {
            for _ in 0..<pings { notifier.notify(.watchdog) }
            notifier.notify(.stopping)
            done.signal()
        }.start()
        let finished = try await offCooperativePool { done.wait(timeout: .now() + 30) == .success }
        try #require(finished, "a send blocked on the full queue")
        #expect(notifier.failedNotifications > 0, "the full queue dropped pings")
        var received = 0
        while socket.next(timeout: .zero) != nil { received += 1 }
        #expect(received > 0)
        #expect(received + notifier.failedNotifications == pings + 1)
    }

    @Test func reloadingCarriesTheMonotonicClock() throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: socket.environment)
        notifier.notify(.reloading)
        let message = try #require(socket.next(timeout: .seconds(5)))
        #expect(message["RELOADING"] == "1")
        let usec = try #require(message["MONOTONIC_USEC"].flatMap(UInt64.init))
        #expect(usec > 0)
    }

    @Test func withoutNotifySocketNothingIsSentAndNothingFails() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        notifier.notify(.ready)
        #expect(notifier.failedNotifications == 0)
        #expect(notifier.watchdogInterval == nil)
    }

    @Test func anUnreachableSocketIsCountedNotFatal() throws {
        let folder = try ScratchDirectory()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": folder.appending("missing.sock")])
        notifier.notify(.ready)
        notifier.notify(.watchdog)
        #expect(notifier.failedNotifications == 2)
    }

    @Test func abstractSocketNamesAreAccepted() throws {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "@m365sync-test-nobody-listens"])
        notifier.notify(.ready)
        #expect(notifier.failedNotifications == 1)
    }

    @Test(
        arguments: [
            (["WATCHDOG_USEC": "20000000"], Duration.seconds(20)),
            (["WATCHDOG_USEC": "500000", "WATCHDOG_PID": ""], Duration.milliseconds(500)),
            (["WATCHDOG_USEC": "0"], nil),
            (["WATCHDOG_USEC": "soon"], nil),
            (["WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "1"], nil),
        ] as [([String: String], Duration?)]
    )
    func watchdogIntervalComesFromTheEnvironment(environment: [String: String], expected: Duration?) {
        #expect(SystemdNotifier(environment: environment).watchdogInterval == expected)
    }

    @Test func watchdogPIDOfThisProcessEnablesTheWatchdog() {
        let pid = ProcessIdentity.current
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "\(pid)"])
        #expect(notifier.watchdogInterval == .seconds(1))
    }
}
