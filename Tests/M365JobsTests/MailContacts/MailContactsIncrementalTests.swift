import Foundation
import M365Core
import M365Simulator
import M365TestSupport
import Testing

/// After the first run a mail contacts job calls Get-Contact only for the contacts that are new or changed since:
/// Get-MailContact's `WhenChangedUTC` says which, and the mirror holds the other records.
@Suite struct MailContactsIncrementalTests {
    @Test func aQuietRunCallsNoGetContactAndAChangedContactIsReadAloneAndRepaired() async throws {
        try await MailContactsFixture.with { (fixture: MailContactsFixture) async throws in
            let first = await fixture.run()
            #expect(first.status == .succeeded, "\(first)")
            #expect((first.targets.first?.counts.add ?? 0) > 0)
            await fixture.control.advanceClock(by: 5)
            #expect(await fixture.run().status == .succeeded, "the records the writes changed are read again")
            await fixture.control.clearRequestLog()
            let quiet = await fixture.run()
            #expect(quiet.status == .succeeded, "\(quiet)")
            #expect(await Self.cmdlets(fixture).filter { $0 == "get-contact" }.isEmpty, "no Get-Contact")
            #expect(await fixture.writeCmdlets().isEmpty)

            // An admin changes one synced contact's title in the target: only its record is read, and it is repaired.
            await fixture.control.advanceClock(by: 5)
            let marked = try await fixture.targetContacts().filter {
                $0.fields["CustomAttribute15"]?.hasPrefix("m365sync:t2t:") == true
            }
            let changed = try #require(marked.first)
            try await fixture.control.updateMailContact(tenantId: fixture.target, guid: changed.guid) {
                $0.fields["Title"] = "Changed by an admin"
            }
            await fixture.control.clearRequestLog()
            let repair = await fixture.run()
            #expect(repair.status == .succeeded, "\(repair)")
            #expect(repair.targets.first?.counts.update == 1, "\(repair)")
            let reads = await fixture.control.requestLog().filter { $0.cmdlet?.lowercased() == "get-contact" }
            #expect(reads.count == 1, "one Get-Contact, for the changed contact: \(reads.map(\.target))")
            #expect(try await fixture.contact(changed.externalEmailAddress)?.fields["Title"] != "Changed by an admin")
            try await fixture.expectConverged()
        }
    }

    private static func cmdlets(_ fixture: MailContactsFixture) async -> [String] {
        await fixture.control.requestLog().compactMap { $0.cmdlet?.lowercased() }
    }
}
