import Foundation
import M365Core
import M365Simulator
import Testing

@Suite(.serialized) struct MailContactsFaultTests {
    @Test func throttledCmdletsAreRetriedAfterRetryAfter() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            await fixture.control.setFault(
                FaultRule(
                    endpoint: "exchange.invoke",
                    cmdlet: "New-MailContact",
                    action: .status(429, retryAfter: 0.2),
                    limit: 3
                )
            )
            let report = await fixture.run()
            #expect(report.status == .succeeded)
            #expect(report.requests.throttled == 3)
            let added = report.targets.first?.counts.add ?? 0
            #expect(try await fixture.targetContacts().count == added)
        }
    }

    @Test func aLostNewMailContactResponseCreatesNoDuplicate() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            await fixture.control.setFault(
                FaultRule(
                    endpoint: "exchange.invoke",
                    cmdlet: "New-MailContact",
                    action: .appliedButResponseLost,
                    limit: 2
                )
            )
            let report = await fixture.run()
            let target = try #require(report.targets.first)
            #expect(target.counts.failed == 0)
            #expect(target.counts.add == (try await fixture.members()).count, "every person added once")
            let contacts = try await fixture.targetContacts()
            #expect(contacts.count == target.counts.add, "no contact lost, none duplicated")
            #expect(Set(contacts.map { $0.externalEmailAddress.lowercased() }).count == contacts.count)
            #expect(contacts.allSatisfy { $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true })
            let lost = await fixture.control.requestLog().filter { $0.cmdlet == "New-MailContact" && $0.status == 0 }
            #expect(lost.count == 2, "both lost responses happened")
        }
    }

    @Test func anAddWhoseFollowUpFailedIsRepairedOnTheNextRun() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            await fixture.control.setFault(
                FaultRule(
                    endpoint: "exchange.invoke",
                    cmdlet: "Set-MailContact",
                    action: .status(403, retryAfter: nil),
                    limit: 1
                )
            )
            let first = await fixture.run()
            #expect(first.targets.first?.counts.failed == 1)
            #expect(first.status == .partial)
            let unmarked = try await fixture.targetContacts().filter { $0.fields["CustomAttribute15"] == nil }
            #expect(unmarked.count == 1)
            let second = await fixture.run()
            #expect(second.targets.first?.counts.failed == 0)
            // The unfinished add is marked before planning, then completed as an update of the job's own contact.
            #expect(second.targets.first?.counts.add == 0)
            #expect(second.targets.first?.counts.update == 1)
            let contacts = try await fixture.targetContacts()
            #expect(contacts.count == first.targets.first!.counts.add + 1)
            #expect(contacts.allSatisfy { $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true })
            await fixture.control.clearRequestLog()
            _ = await fixture.run()
            #expect(await fixture.writeCmdlets().isEmpty)
        }
    }

    @Test func eachExchangeErrorClassIsReportedAndChangesNothingElse() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            _ = await fixture.run()
            let before = try await fixture.targetContacts()

            // Reading the target denied: the job reports it and writes nothing.
            await fixture.control.setFault(
                FaultRule(
                    endpoint: "exchange.invoke",
                    cmdlet: "Get-MailContact",
                    action: .status(403, retryAfter: nil),
                    limit: 1
                )
            )
            let denied = await fixture.run()
            #expect(denied.status == .failed)
            #expect(denied.targets.first?.error?.contains("reading the target failed") == true)

            // A failing Set-Contact, each with the body Exchange sends for that class: that update fails with the
            // class named, nothing else changes, the next run retries.
            let members = try await fixture.members()
            let classes = [
                (404, "notFound"), (400, "unknownParameter"), (403, "accessDenied"), (500, "exchangeCommand"),
            ]
            for (index, (status, kind)) in classes.enumerated() {
                _ = try await fixture.control.updateUser(tenantId: fixture.source, members[index].id) {
                    $0.department = "D\(index)"
                }
                await fixture.control.setFault(
                    FaultRule(
                        endpoint: "exchange.invoke",
                        cmdlet: "Set-Contact",
                        action: .status(status, retryAfter: nil),
                        limit: 1
                    )
                )
                let failed = await fixture.run()
                let action = try #require(failed.targets.first?.actions.first { $0.sourceId == members[index].id })
                #expect(action.status == .failed, "HTTP \(status)")
                #expect(action.error?.hasPrefix("Set-Contact") == true)
                #expect(action.error?.contains(kind) == true, "HTTP \(status): \(action.error ?? "")")
                let retried = await fixture.run()
                #expect(retried.targets.first?.counts.update == 1, "HTTP \(status)")
            }
            #expect(try await fixture.targetContacts().count == before.count)
        }
    }
}
