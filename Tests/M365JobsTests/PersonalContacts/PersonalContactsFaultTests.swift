import Foundation
import M365Core
import M365Jobs
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: throttling and faults")
struct PersonalContactsFaultTests {
    /// Checks each mailbox holds exactly one managed contact per person.
    static func expectNoDuplicates(_ fixture: PersonalContactsFixture, people: Int) async throws {
        for mailbox in fixture.mailboxes {
            let managed = try await fixture.managed(mailbox)
            #expect(managed.count == people, "\(mailbox): \(managed.count) contacts for \(people) people")
            let names = managed.compactMap { $0["displayName"]?.stringValue }
            #expect(Set(names).count == names.count)
        }
    }

    @Test(arguments: [
        FaultRule.Action.status(429, retryAfter: 0.05),
        FaultRule.Action.status(503, retryAfter: 0.05),
        FaultRule.Action.htmlPage(503),
        FaultRule.Action.dropConnection,
    ])
    func transientFaultsAreRetried(_ action: FaultRule.Action) async throws {
        try await PersonalContactsFixture.with(target: nil) { fixture in
            await fixture.control.setFault(FaultRule(endpoint: "graph.*", action: action, limit: 3, skip: 2))
            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.requests.retries + report.requests.throttled > 0)
            try await Self.expectNoDuplicates(fixture, people: report.firstTarget.counts.add)
            #expect(try await fixture.handMadeUntouched())
        }
    }

    @Test(arguments: [
        // The whole $batch refused (throttled or unavailable), then inner items refused one by one.
        FaultRule(endpoint: "graph.batch", method: "POST", action: .status(429, retryAfter: 0.05), limit: 2),
        FaultRule(endpoint: "graph.batch", method: "POST", action: .status(503, retryAfter: 0.05), limit: 2),
        FaultRule(endpoint: "graph.mailbox.contacts", method: "POST", action: .status(429, retryAfter: 0.05), limit: 5),
        FaultRule(endpoint: "graph.mailbox.contacts", method: "POST", action: .status(503, retryAfter: 0.05), limit: 5),
    ])
    func throttledWritesAreRetriedAndNothingIsDuplicated(_ rule: FaultRule) async throws {
        try await PersonalContactsFixture.with(users: 30, mailboxes: 2, target: nil) { fixture in
            await fixture.control.setFault(rule)
            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.totals.failed == 0)
            let injected = await fixture.control.requestLog().filter { $0.fault != nil }
            #expect(!injected.isEmpty, "the fault reached the writes")
            #expect(report.requests.throttled > 0)
            try await Self.expectNoDuplicates(fixture, people: report.firstTarget.counts.add)
        }
    }

    @Test func aFullRunWithTheSimulatorsThrottlingOnIsNeverThrottled() async throws {
        // Throttling on: per-mailbox concurrency and request budgets, directory budgets. A whole run stays inside
        // them. (The 4-per-mailbox limiter itself is checked in MailboxLimiterTests: here the batches of one
        // mailbox go one after the other, so they cannot overlap.)
        try await PersonalContactsFixture.with(
            users: 200,
            mailboxes: 2,
            target: nil,
            throttling: ThrottlingOptions()
        ) { fixture in
            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            #expect(report.requests.byKind["graph.batch"] ?? 0 >= 16, "enough batches to overlap: \(report.requests)")
            #expect(report.requests.throttled == 0)
            #expect(await fixture.control.requestLog().allSatisfy { $0.status != 429 })
        }
    }

    @Test func lostResponseLeavesNoDuplicateAfterTheNextRun() async throws {
        try await PersonalContactsFixture.with(target: nil) { fixture in
            await fixture.control.setFault(
                FaultRule(endpoint: "graph.batch", method: "POST", action: .appliedButResponseLost, limit: 1)
            )
            let first = try await fixture.run()
            let people = first.targets.map { $0.counts.add + $0.counts.failed }.max() ?? 0
            // The batch was applied; its lost response is checked by a listing, so the adds report as applied.
            #expect(first.status == .succeeded, "\(first)")
            #expect(first.totals.failed == 0)
            await fixture.control.clearFaults()
            let second = try await fixture.run()
            #expect(second.status == .succeeded, "\(second)")
            #expect(second.totals.add == 0, "nothing was missing")
            try await Self.expectNoDuplicates(fixture, people: people)
            let third = try await fixture.run()
            #expect(third.totals.add + third.totals.update + third.totals.remove == 0)
        }
    }

    @Test(arguments: [
        FaultRule.Action.htmlPage(500),
        FaultRule.Action.status(500, retryAfter: nil),
        FaultRule.Action.dropConnection,
    ])
    func sourceReadFailureRemovesNothingAndFails(_ action: FaultRule.Action) async throws {
        try await PersonalContactsFixture.with(users: 30, mailboxes: 1, target: nil) { fixture in
            let first = try await fixture.run()
            let people = first.totals.add
            let gone = try #require(first.firstTarget.actions.first?.sourceId)
            try await fixture.control.removeUser(tenantId: fixture.tenant, gone)
            // Reading the directory fails.
            await fixture.control.setFault(FaultRule(endpoint: "graph.users.delta", method: "GET", action: action))
            await fixture.control.clearRequestLog()
            let report = try await fixture.run()
            #expect(report.status == .failed, "\(report)")
            #expect(report.error != nil)
            #expect(report.totals.remove == 0)
            #expect(await fixture.deployment.writeRequests().isEmpty)
            #expect(try await fixture.managed(fixture.mailboxes[0]).count == people)
        }
    }

    @Test func aFailedPageInTheMiddleOfTheDirectoryRemovesNothing() async throws {
        try await PersonalContactsFixture.with(users: 30, mailboxes: 1, target: nil) { fixture in
            let first = try await fixture.run()
            let people = first.totals.add
            #expect(await fixture.control.requestLog().filter { $0.endpoint == "graph.users.delta" }.count >= 3)
            // The stored delta link has expired, so the directory is read in full again: its first page arrives,
            // the second fails every retry, and the read is incomplete.
            try await fixture.control.expireDeltaTokens(tenantId: fixture.tenant)
            await fixture.control.setFault(
                FaultRule(endpoint: "graph.users.delta", method: "GET", action: .status(500, retryAfter: nil), skip: 2)
            )
            await fixture.control.clearRequestLog()
            let report = try await fixture.run()
            #expect(report.status == .failed, "\(report)")
            #expect(report.totals.remove == 0)
            let pages = await fixture.control.requestLog().filter { $0.endpoint == "graph.users.delta" }.map(\.status)
            // 410 for the expired link, the first page of the full read, then the failing second page.
            #expect(pages.prefix(2) == [410, 200] && pages.dropFirst(2).allSatisfy { $0 == 500 } && pages.count >= 3)
            #expect(await fixture.deployment.writeRequests().isEmpty)
            #expect(try await fixture.managed(fixture.mailboxes[0]).count == people)
        }
    }
}
