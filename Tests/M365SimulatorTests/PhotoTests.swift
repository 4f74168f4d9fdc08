import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Profile photos")
struct PhotoTests {
    private func userWithPhoto(_ sim: SimSetup) async throws -> (id: String, photo: SimPhoto) {
        let id = try #require(try await sim.control.users(tenantId: sim.tenant.tenantId).first?.id)
        let photo = SimPhoto.jpeg(label: "test")
        try await sim.control.setUserPhoto(tenantId: sim.tenant.tenantId, id, photo)
        return (id, photo)
    }

    private func put(
        _ sim: SimSetup,
        _ path: String,
        _ bytes: [UInt8],
        type: String = "image/jpeg"
    ) async throws
        -> HTTPResult
    {
        let token = try await sim.token()
        return try await TestHTTP.send(
            "PUT",
            "\(sim.base)/v1.0\(path)",
            headers: ["Authorization": "Bearer \(token)", "Content-Type": type],
            body: Data(bytes)
        )
    }

    @Test func userPhotoMetadataBytesAndImageNotFound() async throws {
        try await withSimulator { sim in
            let (id, photo) = try await userWithPhoto(sim)
            #expect(photo.bytes.starts(with: [0xFF, 0xD8, 0xFF, 0xE0]) && photo.bytes.suffix(2) == [0xFF, 0xD9])
            let metadata = try await sim.graph("/users/\(id)/photo")
            #expect(metadata.status == 200)
            #expect(metadata.json["@odata.mediaEtag"]?.stringValue == photo.etag)
            #expect(metadata.json["@odata.mediaContentType"]?.stringValue == "image/jpeg")
            let bytes = try await sim.graph("/users/\(id)/photo/$value")
            #expect(bytes.status == 200 && [UInt8](bytes.body) == photo.bytes)
            #expect(bytes.header("content-type") == "image/jpeg")
            try await sim.control.setUserPhoto(tenantId: sim.tenant.tenantId, id, nil)
            let gone = try await sim.graph("/users/\(id)/photo")
            #expect(gone.status == 404 && gone.json["error"]?["code"]?.stringValue == "ImageNotFound")
            #expect(try await sim.graph("/users/\(id)/photo/$value").status == 404)
            let log = await sim.control.requestLog().filter { $0.endpoint == "graph.users.photo" }
            #expect(log.count == 4)
        }
    }

    @Test func changedBytesGiveANewETag() {
        #expect(SimPhoto.jpeg(label: "a").etag != SimPhoto.jpeg(label: "b").etag)
        #expect(SimPhoto.jpeg(label: "a").etag == SimPhoto.jpeg(label: "a").etag)
        #expect(SimPhoto.jpeg(label: "a", padding: 100).bytes.count == SimPhoto.jpeg(label: "a").bytes.count + 104)
    }

    private func seededUsers(_ seed: TenantSeed) async throws -> [DirectoryUser] {
        let server = try await SimulatorServer.start(SimulatorOptions(tls: false))
        do {
            let tenant = try await server.control.addTenant(seed)
            let users = try await server.control.users(tenantId: tenant.tenantId)
            await server.stop()
            return users
        } catch {
            await server.stop()
            throw error
        }
    }

    @Test func seededUsersHavePhotosWithoutChangingTheRestOfTheTenant() async throws {
        let without = try await seededUsers(TenantSeed(seed: 3, users: 90, mailboxes: 2))
        let withPhotos = try await seededUsers(TenantSeed(seed: 3, users: 90, mailboxes: 2, photoFraction: 1.0 / 3))
        #expect((15...45).contains(withPhotos.filter { $0.photo != nil }.count))
        #expect(without.allSatisfy { $0.photo == nil })
        #expect(withPhotos.map { [$0.id, $0.displayName] } == without.map { [$0.id, $0.displayName] })
        #expect(
            try await seededUsers(TenantSeed(seed: 3, users: 90, mailboxes: 2, photoFraction: 1.0 / 3)) == withPhotos
        )
    }

    @Test func contactPhotoUploadReadAndLimits() async throws {
        try await withSimulator { sim in
            let user = sim.mailboxUser
            let created = try await sim.graph(
                "POST",
                "/users/\(user)/contacts",
                body: ["givenName": "Pic"]
            )
            let contact = try #require(created.json["id"]?.stringValue)
            let path = "/users/\(user)/contacts/\(contact)/photo"
            #expect(try await sim.graph("\(path)/$value").json["error"]?["code"]?.stringValue == "ImageNotFound")
            let photo = SimPhoto.jpeg(label: "upload")
            #expect(try await put(sim, "\(path)/$value", photo.bytes).status == 200)
            #expect(try await sim.control.contactPhoto(mailbox: user, contactId: contact) == photo)
            let read = try await sim.graph("\(path)/$value")
            #expect([UInt8](read.body) == photo.bytes)
            #expect(try await sim.graph(path).json["@odata.mediaEtag"]?.stringValue == photo.etag)
            #expect(try await put(sim, "\(path)/$value", photo.bytes, type: "text/plain").status == 415)
            let big = SimPhoto.jpeg(label: "big", padding: SimPhoto.maxUploadBytes)
            #expect(try await put(sim, "\(path)/$value", big.bytes).status == 413)
            let delete = try await sim.graph("DELETE", path)
            #expect(delete.status == 405)
            #expect(delete.json["error"]?["code"]?.stringValue == "ErrorInvalidRequest")
            #expect(try await sim.control.contactPhoto(mailbox: user, contactId: contact) == photo)
            let log = await sim.control.requestLog().filter { $0.endpoint == "graph.mailbox.contacts.photo" }
            #expect(log.count == 7)
        }
    }

    @Test func batchCarriesBinaryBodiesAsBase64() async throws {
        try await withSimulator { sim in
            let (id, photo) = try await userWithPhoto(sim)
            let user = sim.mailboxUser
            let created = try await sim.graph("POST", "/users/\(user)/contacts", body: ["givenName": "Pic"])
            let contact = try #require(created.json["id"]?.stringValue)
            let upload = SimPhoto.jpeg(label: "batched")
            let result = try await sim.graph(
                "POST",
                "/$batch",
                body: [
                    "requests": [
                        ["id": "1", "method": "GET", "url": .string("/users/\(id)/photo/$value")],
                        [
                            "id": "2", "method": "PUT",
                            "url": .string("/users/\(user)/contacts/\(contact)/photo/$value"),
                            "headers": ["Content-Type": "image/jpeg"],
                            "body": .string(Data(upload.bytes).base64EncodedString()),
                        ],
                    ]
                ]
            )
            let responses = try #require(result.json["responses"]?.arrayValue)
            let byId = Dictionary(uniqueKeysWithValues: responses.map { ($0["id"]?.stringValue ?? "", $0) })
            let body = try #require(byId["1"]?["body"]?.stringValue)
            #expect(Data(base64Encoded: body).map { [UInt8]($0) } == photo.bytes)
            #expect(byId["1"]?["headers"]?["Content-Type"]?.stringValue == "image/jpeg")
            #expect(byId["2"]?["status"]?.intValue == 200)
            #expect(try await sim.control.contactPhoto(mailbox: user, contactId: contact) == upload)
        }
    }
}
