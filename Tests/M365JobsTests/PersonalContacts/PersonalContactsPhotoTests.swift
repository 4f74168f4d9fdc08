import Foundation
import M365Core
import M365Jobs
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: photos")
struct PersonalContactsPhotoTests {
    @Test func photosArriveByteForByteOnTheirPeoplesContactsOnly() async throws {
        try await PersonalContactsFixture.with { fixture in
            let users = try await fixture.selectedUsers()
            try #require(users.count >= 4)
            let jpeg = SimPhoto.jpeg(label: "first")
            let png = SimPhoto(bytes: SimPhoto.jpeg(label: "second").bytes, contentType: "image/png")
            try await fixture.setPhoto(users[0], jpeg)
            try await fixture.setPhoto(users[1], png)
            try fixture.enablePhotos()
            await fixture.control.clearRequestLog()

            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            for mailbox in fixture.mailboxes {
                #expect(try await fixture.contactPhoto(mailbox, of: users[0]) == jpeg)
                #expect(try await fixture.contactPhoto(mailbox, of: users[1]) == png)
                for (source, contact) in try await fixture.contactIds(mailbox) where !users.prefix(2).contains(source) {
                    #expect(try await fixture.control.contactPhoto(mailbox: mailbox, contactId: contact) == nil)
                }
            }
            #expect(try await fixture.handMadeHaveNoPhotos())
            let photos = report.photoActions
            #expect(photos.count == 2 * fixture.mailboxes.count)
            #expect(
                photos.allSatisfy {
                    $0.action == .update && $0.status == .applied && $0.changes.keys.sorted() == ["photo"]
                }
            )
            #expect(await fixture.photoRequests(method: "PUT").count == 2 * fixture.mailboxes.count)
            // Metadata once per selected user (org contacts have no photo), bytes once per photo for every mailbox.
            #expect(await fixture.photoRequests(method: "GET", bytes: false).count == users.count)
            #expect(await fixture.photoRequests(method: "GET", bytes: true).count == 2)
        }
    }

    @Test func anUnchangedPhotoIsNeverSentAgainAndAChangedOneOnce() async throws {
        try await PersonalContactsFixture.with { fixture in
            let users = try await fixture.selectedUsers()
            try await fixture.setPhoto(users[0], SimPhoto.jpeg(label: "v1"))
            try await fixture.setPhoto(users[1], SimPhoto.jpeg(label: "other"))
            try fixture.enablePhotos()
            _ = try await fixture.run()

            await fixture.control.clearRequestLog()
            let quiet = try await fixture.run()
            #expect(quiet.totals.update == 0 && quiet.photoActions.isEmpty, "\(quiet)")
            #expect(await fixture.photoRequests().isEmpty)

            // Within photoRefreshInterval a change is not seen: no request at all.
            let v2 = SimPhoto.jpeg(label: "v2")
            try await fixture.setPhoto(users[0], v2)
            await fixture.control.clearRequestLog()
            _ = try await fixture.run()
            #expect(await fixture.photoRequests().isEmpty)

            try fixture.enablePhotos(refresh: "0s")
            await fixture.control.clearRequestLog()
            let changed = try await fixture.run()
            #expect(changed.photoActions.map(\.sourceId) == Array(repeating: users[0], count: fixture.mailboxes.count))
            #expect(await fixture.photoRequests(method: "PUT").count == fixture.mailboxes.count)
            #expect(await fixture.photoRequests(method: "GET", bytes: true).count == 1)
            for mailbox in fixture.mailboxes { #expect(try await fixture.contactPhoto(mailbox, of: users[0]) == v2) }

            await fixture.control.clearRequestLog()
            let again = try await fixture.run()
            #expect(again.photoActions.isEmpty)
            #expect(await fixture.photoRequests(method: "PUT").isEmpty)
            #expect(await fixture.photoRequests(method: "GET", bytes: true).isEmpty)
        }
    }

    @Test func aPersonWithoutAPhotoGetsNoneAndAnOversizedPhotoIsSkipped() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let users = try await fixture.selectedUsers()
            let large = SimPhoto.jpeg(label: "large", padding: PhotoContent.maxUploadBytes)
            try await fixture.setPhoto(users[0], large)
            try fixture.enablePhotos(refresh: "0s")
            await fixture.control.clearRequestLog()

            let report = try await fixture.run()
            #expect(report.status == .succeeded, "\(report)")
            let skipped = report.photoActions
            #expect(skipped.map(\.sourceId) == [users[0]])
            #expect(skipped.first?.status == .skipped)
            #expect(skipped.first?.error?.contains("4 MB") == true)
            let mailbox = fixture.mailboxes[0]
            for contact in try await fixture.contactIds(mailbox).values {
                #expect(try await fixture.control.contactPhoto(mailbox: mailbox, contactId: contact) == nil)
            }
            #expect(await fixture.photoRequests(method: "PUT").isEmpty)
            #expect(await fixture.photoRequests(method: "GET", bytes: true).count == 1)

            // Its size is remembered: the bytes are not read again while the photo is unchanged.
            await fixture.control.clearRequestLog()
            let again = try await fixture.run()
            #expect(again.status == .succeeded)
            #expect(again.photoActions.map(\.status) == [.skipped])
            #expect(await fixture.photoRequests(method: "GET", bytes: true).isEmpty)
            #expect(await fixture.photoRequests(method: "PUT").isEmpty)
        }
    }

    @Test func aRemovedPhotoStaysOnTheContactBecauseGraphCannotRemoveIt() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let users = try await fixture.selectedUsers()
            let photo = SimPhoto.jpeg(label: "leaving")
            try await fixture.setPhoto(users[0], photo)
            try fixture.enablePhotos(refresh: "0s")
            _ = try await fixture.run()
            let mailbox = fixture.mailboxes[0]
            #expect(try await fixture.contactPhoto(mailbox, of: users[0]) == photo)

            try await fixture.setPhoto(users[0], nil)
            await fixture.control.clearRequestLog()
            let removed = try await fixture.run()
            #expect(removed.status == .succeeded)
            #expect(removed.photoActions.map(\.status) == [.skipped])
            #expect(removed.photoActions.first?.error?.contains("cannot remove") == true)
            #expect(await fixture.photoRequests(method: "DELETE").isEmpty)
            #expect(await fixture.photoRequests(method: "PUT").isEmpty)
            #expect(try await fixture.contactPhoto(mailbox, of: users[0]) == photo)

            let reportedOnce = try await fixture.run()
            #expect(reportedOnce.photoActions.isEmpty)

            let next = SimPhoto.jpeg(label: "back")
            try await fixture.setPhoto(users[0], next)
            let back = try await fixture.run()
            #expect(back.photoActions.map(\.status) == [.applied])
            #expect(try await fixture.contactPhoto(mailbox, of: users[0]) == next)
        }
    }

    @Test func aDryRunReadsButWritesNothingAndClearLeavesNoPhotoRecords() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let users = try await fixture.selectedUsers()
            try await fixture.setPhoto(users[0], SimPhoto.jpeg(label: "v1"))
            try fixture.enablePhotos(refresh: "0s")
            let firstPlan = try await fixture.run(dryRun: true)
            #expect(firstPlan.photoActions.map(\.sourceId) == [users[0]])
            #expect(firstPlan.photoActions.map(\.status) == [.planned])
            #expect(try fixture.photoRecordCount() == 0)
            _ = try await fixture.run()
            let records = try fixture.photoRecordCount()
            #expect(records > 0)

            try await fixture.setPhoto(users[0], SimPhoto.jpeg(label: "v2"))
            await fixture.control.clearRequestLog()
            let plan = try await fixture.run(dryRun: true)
            #expect(plan.photoActions.map(\.status) == [.planned])
            #expect(await fixture.photoRequests(method: "PUT").isEmpty)
            #expect(await fixture.photoRequests(method: "GET", bytes: true).isEmpty)
            // Nothing was remembered: the real run still uploads the new photo.
            let real = try await fixture.run()
            #expect(real.photoActions.map(\.status) == [.applied])

            let cleared = try await fixture.clear()
            #expect(cleared.status == .succeeded, "\(cleared)")
            #expect(try fixture.photoRecordCount() == 0)
        }
    }
}
