import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Graph mailbox contacts")
struct MailboxContactTests {
    static let tag = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name m365syncSource"

    @Test func createGetPatchDeleteWithExtendedProperties() async throws {
        try await withSimulator { sim in
            let user = sim.mailboxUser
            var body = try Fixtures.load("graph/contact-create.request.v1.json").objectValue!
            body["singleValueExtendedProperties"] = [["id": .string(Self.tag), "value": "source-1"]]
            let created = try await sim.graph("POST", "/users/\(user)/contacts", body: .object(body))
            #expect(created.status == 201)
            #expect(
                Fixtures.shapeMismatches(created.json, try Fixtures.load("graph/contact-create.response.v1.json")) == []
            )
            #expect(created.json["displayName"] == "Pavel Bansky")
            #expect(created.json["singleValueExtendedProperties"] == nil)
            let id = try #require(created.json["id"]?.stringValue)

            let plain = try await sim.graph("/users/\(user)/contacts/\(id)")
            #expect(Fixtures.shapeMismatches(plain.json, try Fixtures.load("graph/contact-get.v1.json")) == [])
            let fixtureKeys = Set(try Fixtures.load("graph/contact-get.v1.json").objectValue!.keys)
            #expect(Set(plain.json.objectValue!.keys) == fixtureKeys)
            #expect(plain.json["singleValueExtendedProperties"] == nil)

            let expand = "$expand=singleValueExtendedProperties($filter=id%20eq%20'\(TestHTTP.encode(Self.tag))')"
            let expanded = try await sim.graph("/users/\(user)/contacts/\(id)?\(expand)")
            #expect(expanded.json["singleValueExtendedProperties"] == [["id": .string(Self.tag), "value": "source-1"]])
            let otherTag = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name other"
            let notMatching = try await sim.graph(
                "/users/\(user)/contacts/\(id)?$expand=singleValueExtendedProperties($filter=id%20eq%20'\(TestHTTP.encode(otherTag))')"
            )
            #expect(notMatching.json["singleValueExtendedProperties"] == nil)

            let patched = try await sim.graph(
                "PATCH",
                "/users/\(user)/contacts/\(id)",
                body: [
                    "jobTitle": "Buyer",
                    "singleValueExtendedProperties": [["id": .string(Self.tag), "value": "source-2"]],
                ]
            )
            #expect(patched.status == 200)
            #expect(patched.json["jobTitle"] == "Buyer")
            #expect(patched.json["changeKey"] != plain.json["changeKey"])
            #expect(patched.json["singleValueExtendedProperties"] == nil)

            let stored = try await sim.control.contacts(inMailbox: user)
            let mine = try #require(stored.first { $0["id"]?.stringValue == id })
            #expect(mine["singleValueExtendedProperties"]?.arrayValue?.first?["value"] == "source-2")

            let filter =
                "$filter=singleValueExtendedProperties/Any(ep:%20ep/id%20eq%20'\(TestHTTP.encode(Self.tag))'%20and%20ep/value%20eq%20'source-2')"
            let found = try await sim.graph("/users/\(user)/contacts?\(filter)")
            #expect(found.json["value"]?.arrayValue?.map { $0["id"]?.stringValue } == [id])

            let stale = try await sim.graph(
                "PATCH",
                "/users/\(user)/contacts/\(id)",
                body: ["jobTitle": "X"],
                headers: ["If-Match": plain.json["@odata.etag"]?.stringValue ?? ""]
            )
            #expect(stale.status == 412)
            #expect(try await sim.graph("DELETE", "/users/\(user)/contacts/\(id)").status == 204)
        }
    }

    @Test func listsPageByTenAndFoldersAreSeparate() async throws {
        try await withSimulator { sim in
            let user = sim.mailboxUser
            let folder = try await sim.graph("POST", "/users/\(user)/contactFolders", body: ["displayName": "Synced"])
            let folderId = try #require(folder.json["id"]?.stringValue)
            for index in 0..<23 {
                let made = try await sim.graph(
                    "POST",
                    "/users/\(user)/contactFolders/\(folderId)/contacts",
                    body: ["displayName": .string("Person \(index)")]
                )
                #expect(made.status == 201)
            }
            let first = try await sim.graph("/users/\(user)/contactFolders/\(folderId)/contacts")
            #expect(first.json["value"]?.arrayValue?.count == 10)
            #expect(Fixtures.shapeMismatches(first.json, try Fixtures.load("graph/contacts-list.v1.json")) == [])
            let all = try await sim.graphAll(
                "/users/\(user)/contactFolders/\(folderId)/contacts?$top=7&$select=displayName"
            )
            #expect(all.count == 23)
            #expect(all.allSatisfy { $0["parentFolderId"] == nil && $0["displayName"] != nil })
            let inDefault = try await sim.graphAll("/users/\(user)/contacts")
            #expect(inDefault.allSatisfy { $0["parentFolderId"]?.stringValue != folderId })
            let one = try #require(all.first?["id"]?.stringValue)
            #expect(try await sim.graph("/users/\(user)/contactFolders/\(folderId)/contacts/\(one)").status == 200)
            #expect(
                try await sim.graph(
                    "PATCH",
                    "/users/\(user)/contactFolders/\(folderId)/contacts/\(one)",
                    body: ["surname": "Ü"]
                ).status == 200
            )
            #expect(try await sim.graph("/users/\(user)/contacts?$top=1001").status == 400)
        }
    }

    @Test func handMadeContactsAndControlReadBack() async throws {
        try await withSimulator { sim in
            let made = try await sim.control.addPersonalContact(
                mailbox: sim.mailboxUser,
                contact: ["displayName": "Grandma", "homePhones": ["+49 30 1234"], "categories": ["Family"]]
            )
            let id = try #require(made["id"]?.stringValue)
            let fetched = try await sim.graph("/users/\(sim.mailboxUser)/contacts/\(id)")
            #expect(fetched.json["homePhones"] == ["+49 30 1234"])
            #expect(fetched.json["categories"] == ["Family"])
            let count = try await sim.control.contactCount(inMailbox: sim.mailboxUser)
            #expect(count == (try await sim.control.contacts(inMailbox: sim.mailboxUser)).count)
        }
    }

    @Test func folderDeltaReportsChangesAndRemovals() async throws {
        try await withSimulator { sim in
            let user = sim.mailboxUser
            let folder = try await sim.graph("POST", "/users/\(user)/contactFolders", body: ["displayName": "Delta"])
            let folderId = try #require(folder.json["id"]?.stringValue)
            var ids: [String] = []
            for index in 0..<5 {
                let made = try await sim.graph(
                    "POST",
                    "/users/\(user)/contactFolders/\(folderId)/contacts",
                    body: ["givenName": .string("P\(index)")]
                )
                ids.append(made.json["id"]?.stringValue ?? "")
            }
            let token = try await sim.token()
            var url = "\(sim.base)/v1.0/users/\(user)/contactFolders/\(folderId)/contacts/delta"
            var seen: [JSONValue] = []
            var deltaLink = ""
            while deltaLink.isEmpty {
                let page = try await TestHTTP.json("GET", url, token: token, headers: ["Prefer": "odata.maxpagesize=2"])
                #expect(page.status == 200)
                if seen.isEmpty {
                    #expect(
                        Fixtures.shapeMismatches(page.json, try Fixtures.load("graph/contacts-delta-nextlink.v1.json"))
                            == []
                    )
                }
                seen += page.json["value"]?.arrayValue ?? []
                if let link = page.json["@odata.deltaLink"]?.stringValue {
                    deltaLink = link
                } else {
                    url = page.json["@odata.nextLink"]?.stringValue ?? ""
                }
            }
            #expect(seen.count == 5)
            _ = try await sim.graph("PATCH", "/users/\(user)/contacts/\(ids[1])", body: ["jobTitle": "Changed"])
            _ = try await sim.graph("DELETE", "/users/\(user)/contacts/\(ids[2])")
            let changes = try await TestHTTP.json("GET", deltaLink, token: token)
            let values = changes.json["value"]?.arrayValue ?? []
            #expect(values.count == 2)
            #expect(values.contains { $0["id"]?.stringValue == ids[1] && $0["jobTitle"] == "Changed" })
            #expect(values.contains { $0["id"]?.stringValue == ids[2] && $0["@removed"]?["reason"] == "deleted" })
        }
    }
}
