import Foundation
import M365Client
import M365Core
import M365Curl
import M365Jobs
import M365Simulator
import M365TestSupport
import Testing

/// A first sync whose mailboxes outgrow the per-mailbox request window: each mailbox pauses for the service's
/// `Retry-After` and resumes when the window allows, no request is throttled twice, every write lands.
@Suite("personal contacts: at the throttling ceiling")
struct PersonalContactsCeilingTests {
    @Test func aFirstSyncPacedByTheMailboxWindowWritesEverythingThrottlingEachRequestOnce() async throws {
        // 60 requests per mailbox per 30 s of simulated time, which the client's waits move on: 150 people make
        // about three windows per mailbox, however fast the machine.
        let limits = ThrottlingOptions(
            mailboxRequestsPerWindow: 60,
            mailboxWindowSeconds: 30,
            fractionalRetryAfter: true
        )
        try await PersonalContactsFixture.with(
            users: 150,
            mailboxes: 3,
            orgContacts: 0,
            handMadeContacts: 0,
            target: nil,
            throttling: limits
        ) { fixture in
            // The default retry policy (Retry-After honoured up to 60 s), with a run budget the pauses outgrow.
            var options = M365ClientOptions()
            options.retryPolicy.maxRunWait = .seconds(30)
            options.clock = SimulatorClock(fixture.control).clock
            let environment = SyncEnvironment(
                configuration: fixture.deployment.configuration,
                transport: try HTTPTransport(),
                stateStore: nil,
                clientOptions: options
            )
            let report = await JobExecutor(environment: environment).run(
                try fixture.job(),
                options: JobRunOptions(runID: UUID().uuidString, logger: PersonalContactsFixture.quietLogger)
            )
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.totals.failed == 0)
            let people = try report.firstTarget.counts.add
            #expect(people > 100)
            for mailbox in fixture.mailboxes {
                #expect(try await fixture.managed(mailbox).count == people, "\(mailbox)")
            }
            let throttled = await fixture.control.requestLog().filter { $0.status == 429 }
            #expect(!throttled.isEmpty, "the window never bound")
            #expect(report.requests.throttled > 0)
            let inner = throttled.compactMap { entry in entry.digest.map { "\(entry.mailbox ?? "") \($0)" } }
            #expect(Set(inner).count == inner.count, "an inner request was throttled twice")
        }
    }
}
