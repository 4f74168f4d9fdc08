import Foundation
import M365Core
import M365Jobs
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: photo faults")
struct PersonalContactsPhotoFaultTests {
    @Test func aFailedUploadIsNotRememberedAndIsSentAgainNextRun() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let users = try await fixture.selectedUsers()
            let photo = SimPhoto.jpeg(label: "refused once")
            try await fixture.setPhoto(users[0], photo)
            try fixture.enablePhotos()
            await fixture.control.setFault(
                FaultRule(
                    endpoint: "graph.mailbox.contacts.photo",
                    method: "PUT",
                    action: .status(400, retryAfter: nil)
                )
            )
            let refused = try await fixture.run()
            #expect(refused.photoActions.map(\.status) == [.failed])
            #expect(refused.status == .partial, "\(refused)")
            #expect(try await fixture.contactPhoto(fixture.mailboxes[0], of: users[0]) == nil)

            await fixture.control.clearFaults()
            let retried = try await fixture.run()
            #expect(retried.status == .succeeded)
            #expect(retried.photoActions.map(\.status) == [.applied])
            #expect(try await fixture.contactPhoto(fixture.mailboxes[0], of: users[0]) == photo)
        }
    }

    @Test func anUnreadablePhotoDecidesNothingUntilItCanBeRead() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let users = try await fixture.selectedUsers()
            let first = SimPhoto.jpeg(label: "first")
            try await fixture.setPhoto(users[0], first)
            try fixture.enablePhotos(refresh: "0s")
            _ = try await fixture.run()

            let second = SimPhoto.jpeg(label: "second")
            try await fixture.setPhoto(users[0], second)
            try await fixture.setPhoto(users[1], SimPhoto.jpeg(label: "new"))
            await fixture.control.setFault(
                FaultRule(endpoint: "graph.users.photo", method: "GET", action: .status(403, retryAfter: nil))
            )
            let blind = try await fixture.run()
            #expect(blind.status == .succeeded, "\(blind)")
            #expect(blind.photoActions.isEmpty)
            #expect(try await fixture.contactPhoto(fixture.mailboxes[0], of: users[0]) == first)
            #expect(try await fixture.contactPhoto(fixture.mailboxes[0], of: users[1]) == nil)

            await fixture.control.clearFaults()
            let seen = try await fixture.run()
            #expect(seen.photoActions.map(\.sourceId).sorted() == [users[0], users[1]].sorted())
            #expect(try await fixture.contactPhoto(fixture.mailboxes[0], of: users[0]) == second)
        }
    }
}
