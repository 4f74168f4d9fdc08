import Foundation
import M365Core
import M365Logging
import M365Simulator
import M365TestSupport
import Testing

@Suite("personal contacts: photos in the journal", .enabled(if: JournalReader.isAvailable))
struct PersonalContactsPhotoJournalTests {
    @Test func uploadsAreUpdateEntriesWithFieldPhotoAndASkippedPhotoIsAWarning() async throws {
        try await PersonalContactsFixture.with(mailboxes: 1) { fixture in
            let users = try await fixture.selectedUsers()
            try await fixture.setPhoto(users[0], SimPhoto.jpeg(label: "journal"))
            try await fixture.setPhoto(users[1], SimPhoto.jpeg(label: "huge", padding: PhotoContent.maxUploadBytes))
            try fixture.enablePhotos()
            try PersonalContactsJournalTests.enableJournal(fixture)

            let report = try await PersonalContactsJournalTests.run(fixture)
            #expect(report.jobs.first?.status == .succeeded, "\(report)")
            let runId = report.runId
            let uploads = try await JournalReader.waitForEntries(matching: [
                "M365SYNC_RUN": runId, "M365SYNC_FIELDS": "photo",
            ])
            #expect(uploads.map { $0["M365SYNC_SOURCE_ID"] } == [users[0]])
            #expect(uploads.first?["M365SYNC_ACTION"] == "update")
            #expect(uploads.first?["M365SYNC_STATUS"] == "applied")
            #expect(uploads.first?["MESSAGE_ID"] == AuditEvent.contactUpdated.messageID)
            let skipped = try await JournalReader.waitForEntries(
                matching: ["M365SYNC_RUN": runId, "MESSAGE_ID": AuditEvent.photoSkipped.messageID]
            )
            #expect(skipped.count == 1)
            #expect(skipped.first?["M365SYNC_SOURCE_ID"] == users[1])
            #expect(skipped.first?["M365SYNC_REASON"] == "tooLarge")
            #expect(skipped.first?["PRIORITY"] == "4")
        }
    }
}
