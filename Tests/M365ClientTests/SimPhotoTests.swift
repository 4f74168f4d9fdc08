import Foundation
import M365Client
import M365Core
import M365Primitives
import M365Simulator
import Testing

@Suite struct SimPhotoTests {
    @Test func readsPhotoMetadataAndBytesInBatchesAndTellsMissingPhotosApart() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let users = try await h.sim.control.users(tenantId: h.tenant.tenantId).map(\.id)
            let withPhotos = Array(users.prefix(25))
            for id in withPhotos {
                try await h.sim.control.setUserPhoto(tenantId: h.tenant.tenantId, id, SimPhoto.jpeg(label: id))
            }
            let asked = withPhotos + [users[30], "00000000-0000-0000-0000-000000000000"]
            await h.sim.control.clearRequestLog()
            let metadata = try await client.graph.userPhotoMetadata(asked)
            #expect(metadata.count == asked.count)
            for (index, id) in withPhotos.enumerated() {
                #expect(
                    try metadata[index].get()
                        == PhotoMetadata(etag: SimPhoto.jpeg(label: id).etag, contentType: "image/jpeg")
                )
            }
            #expect(try metadata[25].get() == nil)
            #expect(try metadata[26].get() == nil)
            let contents = try await client.graph.userPhotoContents(Array(withPhotos.prefix(3)) + [users[30]])
            #expect(
                try contents[0].get()
                    == PhotoContent(contentType: "image/jpeg", bytes: SimPhoto.jpeg(label: withPhotos[0]).bytes)
            )
            #expect(try contents[3].get() == nil)
            let log = await h.sim.control.requestLog()
            #expect(log.filter { $0.endpoint == "graph.batch" }.count == 3)
            #expect(log.filter { $0.endpoint == "graph.users.photo" }.count == asked.count + 4)
        }
    }

    @Test func uploadsContactPhotosThroughBatchAndReportsTheServicesRefusal() async throws {
        try await SimHarness.with { h in
            let client = try h.client()
            let first = try await client.graph.createContact(
                mailbox: h.mailbox,
                folderId: nil,
                properties: ["givenName": .string("A")]
            )
            let contactId = try #require(first["id"]?.stringValue)
            let photo = PhotoContent(contentType: "image/jpeg", bytes: SimPhoto.jpeg(label: "up").bytes)
            let results = try await client.graph.applyContactChanges(
                mailbox: h.mailbox,
                changes: [
                    ContactChange(key: "ok", operation: .setPhoto(contactId: contactId, photo: photo)),
                    ContactChange(
                        key: "text",
                        operation: .setPhoto(
                            contactId: contactId,
                            photo: PhotoContent(contentType: "text/plain", bytes: [1])
                        )
                    ),
                ]
            )
            #expect(results.map(\.key) == ["ok", "text"])
            #expect(results[0].error == nil)
            #expect(results[1].error?.status == 415)
            let stored = try await h.sim.control.contactPhoto(mailbox: h.mailbox, contactId: contactId)
            #expect(stored?.bytes == photo.bytes)
        }
    }
}
