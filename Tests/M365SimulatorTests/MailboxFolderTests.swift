import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Graph mailbox folders and errors")
struct MailboxFolderTests {
    @Test func foldersCreateFilterAndChildFolders() async throws {
        try await withSimulator { sim in
            let user = sim.mailboxUser
            let created = try await sim.graph(
                "POST",
                "/users/\(user)/contactFolders",
                body: ["displayName": "Company Directory"]
            )
            #expect(created.status == 201)
            #expect(
                Fixtures.shapeMismatches(created.json, try Fixtures.load("graph/contactfolder-create.response.v1.json"))
                    == []
            )
            let folderId = try #require(created.json["id"]?.stringValue)
            #expect(folderId.count > 60)

            let duplicate = try await sim.graph(
                "POST",
                "/users/\(user)/contactFolders",
                body: ["displayName": "company directory"]
            )
            #expect(duplicate.status == 409)
            #expect(duplicate.json["error"]?["code"] == "ErrorFolderExists")

            let upn = try await sim.control.user(tenantId: sim.tenant.tenantId, user).userPrincipalName
            let filtered = try await sim.graph(
                "/users/\(upn)/contactFolders?$filter=displayName%20eq%20'Company%20Directory'"
            )
            #expect(filtered.json["value"]?.arrayValue?.map { $0["id"]?.stringValue } == [folderId])
            let none = try await sim.graph("/users/\(user)/contactFolders?$filter=displayName%20eq%20'Nope'")
            #expect(none.json["value"]?.arrayValue?.isEmpty == true)

            let child = try await sim.graph(
                "POST",
                "/users/\(user)/contactFolders/\(folderId)/childFolders",
                body: ["displayName": "Sales"]
            )
            #expect(child.status == 201)
            #expect(child.json["parentFolderId"]?.stringValue == folderId)
            let children = try await sim.graph("/users/\(user)/contactFolders/\(folderId)/childFolders")
            #expect(children.json["value"]?.arrayValue?.count == 1)

            let badBody = try await sim.graph(
                "POST",
                "/users/\(user)/contactFolders",
                body: ["displayName": "X", "color": "red"]
            )
            #expect(badBody.status == 400)
        }
    }

    @Test func mailboxErrorsHaveTheDocumentedShape() async throws {
        try await withSimulator(users: 40, mailboxes: 2) { sim in
            let users = try await sim.control.users(tenantId: sim.tenant.tenantId)
            let withoutMailbox = try #require(users.first { !$0.hasMailbox && $0.lifecycle == .active })
            let noMailbox = try await sim.graph("/users/\(withoutMailbox.id)/contactFolders")
            #expect(noMailbox.status == 404)
            #expect(noMailbox.json["error"]?["code"] == "MailboxNotEnabledForRESTAPI")

            let unknownUser = try await sim.graph("/users/nobody@\(sim.tenant.domain)/contacts")
            #expect(unknownUser.status == 404)
            #expect(unknownUser.json["error"]?["code"] == "ErrorInvalidUser")

            let created = try await sim.graph("POST", "/users/\(sim.mailboxUser)/contacts", body: ["givenName": "A"])
            let id = try #require(created.json["id"]?.stringValue)
            #expect(try await sim.graph("DELETE", "/users/\(sim.mailboxUser)/contacts/\(id)").status == 204)
            let gone = try await sim.graph("/users/\(sim.mailboxUser)/contacts/\(id)")
            #expect(gone.status == 404)
            #expect(gone.json["error"]?["code"] == "ErrorItemNotFound")
            let otherMailbox = try await sim.graph("/users/\(sim.tenant.mailboxUserIds[1])/contacts/\(id)")
            #expect(otherMailbox.status == 404)
            let malformed = try await sim.graph("/users/\(sim.mailboxUser)/contacts/not-an-id")
            #expect(malformed.status == 400)
            #expect(malformed.json["error"]?["code"] == "ErrorInvalidIdMalformed")
            let unknownFolder = try await sim.graph("/users/\(sim.mailboxUser)/contactFolders/\(id)/contacts")
            #expect(unknownFolder.status == 404)
        }
    }

    @Test func writablePropertiesAreValidated() async throws {
        try await withSimulator { sim in
            let path = "/users/\(sim.mailboxUser)/contacts"
            let unknown = try await sim.graph("POST", path, body: ["givenName": "A", "favouriteColour": "blue"])
            #expect(unknown.status == 400)
            #expect(unknown.json["error"]?["code"] == "RequestBodyRead")
            #expect(unknown.json["error"]?["message"]?.stringValue?.contains("favouriteColour") == true)
            let wrongType = try await sim.graph("POST", path, body: ["givenName": 5])
            #expect(wrongType.status == 400)
            let notArray = try await sim.graph("POST", path, body: ["businessPhones": "+1 555"])
            #expect(notArray.status == 400)
            let badAddress = try await sim.graph(
                "POST",
                path,
                body: ["businessAddress": ["street": "x", "country": "y"]]
            )
            #expect(badAddress.status == 400)
            let tooMany = try await sim.graph(
                "POST",
                path,
                body: ["emailAddresses": .array((0..<4).map { ["address": .string("a\($0)@example.com")] })]
            )
            #expect(tooMany.status == 400)
            let readOnly = try await sim.graph("POST", path, body: ["id": "x"])
            #expect(readOnly.status == 400)
            let badExtended = try await sim.graph(
                "POST",
                path,
                body: ["singleValueExtendedProperties": [["id": "nonsense", "value": "1"]]]
            )
            #expect(badExtended.status == 400)
            let ok = try await sim.graph(
                "POST",
                path,
                body: [
                    "givenName": "Zoë", "birthday": "1990-05-01T00:00:00Z",
                    "businessAddress": ["city": "Köln", "countryOrRegion": "Germany"],
                    "@odata.type": "#microsoft.graph.contact",
                ]
            )
            #expect(ok.status == 201)
            let patchBad = try await sim.graph(
                "PATCH",
                "\(path)/\(ok.json["id"]?.stringValue ?? "")",
                body: ["nickName": ["x"]]
            )
            #expect(patchBad.status == 400)
            let noContentType = try await TestHTTP.send(
                "POST",
                "\(sim.base)/v1.0\(path)",
                headers: ["Authorization": "Bearer \(try await sim.token())"],
                body: Data("{}".utf8)
            )
            #expect(noContentType.status == 415)
        }
    }

    @Test func outlookPermissionIsRequired() async throws {
        let permissions = AppPermissions(
            graphRoles: ["User.Read.All"],
            exchangeManageAsApp: false,
            exchangeRecipientAdministrator: false
        )
        try await withSimulator(permissions: permissions) { sim in
            let result = try await sim.graph("/users/\(sim.mailboxUser)/contacts")
            #expect(result.status == 403)
            #expect(result.json["error"]?["code"] == "ErrorAccessDenied")
        }
    }
}
