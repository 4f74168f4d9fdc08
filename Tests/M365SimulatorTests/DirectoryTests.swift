import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Graph directory")
struct DirectoryTests {
    @Test func usersListMatchesTheFixtureAndDefaultProperties() async throws {
        try await withSimulator { sim in
            let page = try await sim.graph("/users")
            #expect(page.status == 200)
            let fixture = try Fixtures.load("graph/users-list.v1.json")
            #expect(Fixtures.shapeMismatches(page.json, fixture) == [])
            let first = try #require(page.json["value"]?.arrayValue?.first?.objectValue)
            let expectedKeys = Set(try #require(fixture["value"]?.arrayValue?.first?.objectValue).keys)
            #expect(Set(first.keys) == expectedKeys)
            #expect(page.json["@odata.context"]?.stringValue?.hasSuffix("/v1.0/$metadata#users") == true)
        }
    }

    @Test func pagingFollowsOpaqueNextLinks() async throws {
        try await withSimulator(users: 45) { sim in
            let all = try await sim.graphAll("/users?$top=7&$select=id,displayName")
            let ids = all.compactMap { $0["id"]?.stringValue }
            let users = try await sim.control.users(tenantId: sim.tenant.tenantId)
            #expect(ids.count == users.filter { $0.lifecycle == .active }.count)
            #expect(Set(ids).count == ids.count)
            #expect(all.allSatisfy { Set($0.objectValue.map { Array($0.keys) } ?? []) == ["id", "displayName"] })
            let first = try await sim.graph("/users?$top=7")
            let next = try #require(first.json["@odata.nextLink"]?.stringValue)
            #expect(next.hasPrefix(sim.base + "/v1.0/users?$skiptoken="))
            #expect(!next.contains("$top"))
        }
    }

    @Test func queryOptionsAreCheckedLikeGraph() async throws {
        try await withSimulator { sim in
            #expect(try await sim.graph("/users?$top=1000").status == 400)
            #expect(try await sim.graph("/users?$top=0").status == 400)
            let unknown = try await sim.graph("/users?$select=nonsense")
            #expect(unknown.status == 400)
            #expect(unknown.json["error"]?["innerError"]?["request-id"] != nil)
            // Advanced queries need ConsistencyLevel: eventual and $count=true.
            #expect(try await sim.graph("/users?$count=true").status == 400)
            #expect(try await sim.graph("/users?$filter=assignedLicenses/$count ne 0").status == 400)
            let counted = try await sim.graph(
                "/users?$count=true&$filter=assignedLicenses/$count%20ne%200&$select=displayName,mail,mailNickname,userPrincipalName",
                headers: ["ConsistencyLevel": "eventual"]
            )
            #expect(counted.status == 200)
            #expect(
                Fixtures.shapeMismatches(counted.json, try Fixtures.load("graph/users-list-filter-count.v1.json")) == []
            )
            let users = try await sim.control.users(tenantId: sim.tenant.tenantId)
            #expect(
                counted.json["@odata.count"]?.intValue
                    == users.filter { $0.lifecycle == .active && !$0.assignedLicenses.isEmpty }.count
            )
            // Advanced queries cannot $expand.
            let expanded = try await sim.graph(
                "/users?$count=true&$filter=userType%20eq%20'Member'&$expand=manager",
                headers: ["ConsistencyLevel": "eventual"]
            )
            #expect(expanded.status == 400)
            #expect(expanded.json["error"]?["code"]?.stringValue == "Request_UnsupportedQuery")
        }
    }

    @Test func filtersSelectAndExpandManager() async throws {
        try await withSimulator { sim in
            let users = try await sim.control.users(tenantId: sim.tenant.tenantId)
            let guests = try await sim.graphAll(
                "/users?$filter=userType%20eq%20'Guest'&$select=id,userType,userPrincipalName"
            )
            #expect(guests.count == users.filter { $0.userType == "Guest" && $0.lifecycle == .active }.count)
            #expect(guests.allSatisfy { $0["userPrincipalName"]?.stringValue?.contains("#EXT#") == true })
            let enabled = try await sim.graphAll("/users?$filter=accountEnabled%20eq%20true&$select=id")
            #expect(enabled.count == users.filter { $0.accountEnabled && $0.lifecycle == .active }.count)
            let target = try #require(users.first { $0.managerId != nil })
            let withManager = try await sim.graph(
                "/users/\(target.id)?$select=id,displayName,accountEnabled&$expand=manager($select=displayName)"
            )
            #expect(withManager.json["manager"]?["id"]?.stringValue == target.managerId)
            #expect(withManager.json["accountEnabled"]?.boolValue == target.accountEnabled)
            let byUPN = try await sim.graph("/users/\(target.userPrincipalName)")
            #expect(byUPN.json["id"]?.stringValue == target.id)
            let missing = try await sim.graph("/users/\(UUID().uuidString.lowercased())")
            #expect(missing.status == 404)
            #expect(missing.json["error"]?["code"] == "Request_ResourceNotFound")
        }
    }

    @Test func orgContactsMatchTheFixtures() async throws {
        try await withSimulator { sim in
            let page = try await sim.graph("/contacts")
            #expect(page.status == 200)
            #expect(Fixtures.shapeMismatches(page.json, try Fixtures.load("graph/orgcontacts-list.v1.json")) == [])
            #expect(page.json["value"]?.arrayValue?.count == 12)
            let counted = try await sim.graph(
                "/contacts?$count=true&$filter=startswith(displayName,'A')&$select=displayName,mail,mailNickname",
                headers: ["ConsistencyLevel": "eventual"]
            )
            #expect(
                Fixtures.shapeMismatches(counted.json, try Fixtures.load("graph/orgcontacts-list-filter-count.v1.json"))
                    == []
            )
            let phones = page.json["value"]?.arrayValue?.first?["phones"]?.arrayValue ?? []
            #expect(
                phones.allSatisfy { ["business", "mobile", "businessFax"].contains($0["type"]?.stringValue ?? "") }
            )
        }
    }

    @Test func groupTransitiveMembersWithUserCast() async throws {
        try await withSimulator(users: 60, groups: 4) { sim in
            let groups = try await sim.control.groups(tenantId: sim.tenant.tenantId)
            let nesting = groups[2]
            let nested = groups[1]
            let all = try await sim.graphAll("/groups/\(nesting.id)/transitiveMembers?$top=5")
            let ids = Set(all.compactMap { $0["id"]?.stringValue })
            #expect(ids.contains(nested.id))
            let nestedUsers = nested.memberIds.filter { id in !groups.contains { $0.id == id } }
            let users = try await sim.control.users(tenantId: sim.tenant.tenantId)
            let nestedUserIds = nestedUsers.filter { id in users.contains { $0.id == id } }
            #expect(Set(nestedUserIds).isSubset(of: ids))
            let onlyUsers = try await sim.graphAll(
                "/groups/\(nesting.id)/transitiveMembers/microsoft.graph.user?$select=id,displayName"
            )
            #expect(onlyUsers.allSatisfy { $0["@odata.type"] == "#microsoft.graph.user" })
            #expect(onlyUsers.count < all.count)
            let unknown = try await sim.graph("/groups/\(UUID().uuidString.lowercased())/transitiveMembers")
            #expect(unknown.status == 404)
        }
    }

    @Test func missingPermissionIsForbidden() async throws {
        let permissions = AppPermissions(
            graphRoles: ["Contacts.ReadWrite"],
            exchangeManageAsApp: false,
            exchangeRecipientAdministrator: false
        )
        try await withSimulator(permissions: permissions) { sim in
            let result = try await sim.graph("/users")
            #expect(result.status == 403)
            #expect(result.json["error"]?["code"] == "Authorization_RequestDenied")
        }
    }
}
