import Foundation
import M365Primitives
import M365Simulator
import Testing

/// The `/_sim/` routes over HTTP, each checked against the in-process control API it mirrors.
@Suite("Control routes over HTTP")
struct ControlRoutesTests {
    @Test func directoryRoutesReadAndChangeTheTenant() async throws {
        try await withSimulator { sim in
            let tenant = "\(sim.base)/_sim/tenants/\(sim.tenant.tenantId)"
            let group = try #require(sim.tenant.groupIds.first)
            let user = try #require(try await sim.control.users(tenantId: sim.tenant.tenantId).first)
            // A UPN in the path arrives percent-decoded.
            let upn = user.userPrincipalName.replacingOccurrences(of: "@", with: "%40")
            #expect(try await TestHTTP.send("GET", "\(tenant)/users/\(upn)").json["id"]?.stringValue == user.id)
            let contacts = try await TestHTTP.send("GET", "\(tenant)/orgContacts")
            #expect(contacts.json.arrayValue?.count == 12)
            let made = try await TestHTTP.json(
                "POST",
                "\(tenant)/orgContacts",
                token: nil,
                body: ["displayName": "Partner"]
            )
            #expect(made.status == 201)
            let contactId = try #require(made.json["id"]?.stringValue)
            let patched = try await TestHTTP.json(
                "PATCH",
                "\(tenant)/orgContacts/\(contactId)",
                token: nil,
                body: ["displayName": "Partner Two"]
            )
            #expect(patched.json["displayName"] == "Partner Two")
            #expect(try await TestHTTP.send("DELETE", "\(tenant)/orgContacts/\(contactId)").status == 204)
            let removed = try await sim.control.orgContacts(tenantId: sim.tenant.tenantId).first { $0.id == contactId }
            #expect(removed?.deleted == true)
            #expect(removed?.displayName == "Partner Two")

            let member = try await TestHTTP.json(
                "POST",
                "\(tenant)/groups/\(group)/members",
                token: nil,
                body: ["id": .string(user.id)]
            )
            #expect(member.status == 204, "\(member.text)")
            #expect(try await TestHTTP.send("DELETE", "\(tenant)/groups/\(group)/members/\(user.id)").status == 204)
            let groups = try await TestHTTP.json(
                "POST",
                "\(tenant)/groups",
                token: nil,
                body: ["displayName": "Team", "memberIds": [.string(user.id)]]
            )
            #expect(groups.status == 201)
            #expect(try await TestHTTP.send("GET", "\(tenant)/groups").json.arrayValue?.count == 5)

            #expect(try await TestHTTP.send("DELETE", "\(tenant)/users/\(user.id)").status == 204)
            #expect(try await TestHTTP.send("POST", "\(tenant)/users/\(user.id)/restore").status == 204)
            #expect(try await sim.control.user(tenantId: sim.tenant.tenantId, user.id).id == user.id)
        }
    }

    @Test func mailboxAndPhotoRoutesMirrorTheSwiftAPI() async throws {
        try await withSimulator { sim in
            let tenant = "\(sim.base)/_sim/tenants/\(sim.tenant.domain)"
            let mailbox = try #require(sim.tenant.mailboxUserIds.first)
            let folder = try await TestHTTP.json(
                "POST",
                "\(tenant)/mailboxes/\(mailbox)/folders",
                token: nil,
                body: ["displayName": "Private"]
            )
            #expect(folder.status == 201)
            let folderId = try #require(folder.json["id"]?.stringValue)
            let folders = try await sim.control.contactFolders(tenantId: sim.tenant.tenantId, inMailbox: mailbox)
            #expect(folders.contains { $0["id"]?.stringValue == folderId })
            let made = try await TestHTTP.json(
                "POST",
                "\(tenant)/mailboxes/\(mailbox)/contacts?folderId=\(folderId)",
                token: nil,
                body: ["displayName": "Mine"]
            )
            #expect(made.json["parentFolderId"]?.stringValue == folderId)

            let bytes = Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3])
            let put = try await TestHTTP.send(
                "PUT",
                "\(tenant)/users/\(mailbox)/photo",
                headers: ["Content-Type": "image/png"],
                body: bytes
            )
            #expect(put.status == 204, "\(put.text)")
            let user = try await sim.control.user(tenantId: sim.tenant.tenantId, mailbox)
            #expect(user.photo?.bytes == [UInt8](bytes))
            #expect(user.photo?.contentType == "image/png")
            #expect(try await TestHTTP.send("PUT", "\(tenant)/users/\(mailbox)/photo").status == 400)
            #expect(try await TestHTTP.send("DELETE", "\(tenant)/users/\(mailbox)/photo").status == 204)
            #expect(try await sim.control.user(tenantId: sim.tenant.tenantId, mailbox).photo == nil)
            let contactId = try #require(made.json["id"]?.stringValue)
            let noPhoto = try await TestHTTP.send("GET", "\(tenant)/mailboxes/\(mailbox)/contacts/\(contactId)/photo")
            #expect(noPhoto.status == 404)
            #expect(noPhoto.json["error"]?["code"] == "unknownObject")
        }
    }

    @Test func serviceRoutesSetTheSimulatorsKnobs() async throws {
        try await withSimulator { sim in
            let base = "\(sim.base)/_sim"
            #expect(
                try await TestHTTP.json("PUT", "\(base)/tokenLifetime", token: nil, body: ["seconds": 120]).status
                    == 204
            )
            let token = try await TestHTTP.form(
                sim.tokenURL,
                [
                    ("client_id", sim.app.clientId), ("client_secret", sim.app.clientSecret),
                    ("grant_type", "client_credentials"), ("scope", SimSetup.graphScope),
                ]
            )
            #expect(token.json["expires_in"]?.intValue == 120)
            #expect(
                try await TestHTTP.json("POST", "\(base)/clock", token: nil, body: ["advanceSeconds": 10]).status == 204
            )
            let app = try await TestHTTP.json(
                "POST",
                "\(base)/tenants/\(sim.tenant.tenantId)/apps",
                token: nil,
                body: [:]
            )
            #expect(app.status == 201)
            #expect(
                try await TestHTTP.send("POST", "\(base)/tenants/\(sim.tenant.tenantId)/expireDeltaTokens").status
                    == 204
            )
            let prefill = try await TestHTTP.json(
                "POST",
                "\(base)/tenants/\(sim.tenant.tenantId)/prefillContacts",
                token: nil,
                body: ["total": 30]
            )
            #expect(prefill.status == 204)
            #expect(
                try await TestHTTP.send("GET", "\(base)/tenants/\(sim.tenant.tenantId)/mailContacts").json.arrayValue
                    != nil
            )
            #expect(try await TestHTTP.send("GET", "\(base)/tenants").json.arrayValue?.count == 1)
        }
    }

    @Test func failuresAnswerInTheControlAPIsJSON() async throws {
        try await withSimulator { sim in
            let unknownRoute = try await TestHTTP.send("GET", "\(sim.base)/_sim/nothing/here")
            #expect(unknownRoute.status == 404)
            #expect(unknownRoute.json["error"]?["code"] == "unknownObject")
            let unknownTenant = try await TestHTTP.send("GET", "\(sim.base)/_sim/tenants/nobody/orgContacts")
            #expect(unknownTenant.status == 404)
            #expect(unknownTenant.json["error"]?["code"] == "unknownTenant")
            let badBody = try await TestHTTP.send("PUT", "\(sim.base)/_sim/throttling", body: Data("{".utf8))
            #expect(badBody.status == 400)
            #expect(badBody.json["error"]?["code"] == "invalidRequest")
            let missing = try await TestHTTP.json("PUT", "\(sim.base)/_sim/tokenLifetime", token: nil, body: [:])
            #expect(missing.status == 400)
            #expect(missing.json["error"]?["code"] == "invalidArgument")
        }
    }
}
