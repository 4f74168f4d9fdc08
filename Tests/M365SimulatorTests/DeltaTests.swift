import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Directory delta")
struct DeltaTests {
    /// Runs one delta round from `url`; returns the values and the deltaLink.
    private func round(
        _ sim: SimSetup,
        _ url: String,
        maxPage: Int = 10
    ) async throws -> (values: [JSONValue], deltaLink: String, pages: [JSONValue]) {
        let token = try await sim.token()
        var next = url
        var values: [JSONValue] = []
        var pages: [JSONValue] = []
        for _ in 0..<500 {
            let page = try await TestHTTP.json(
                "GET",
                next,
                token: token,
                headers: ["Prefer": "odata.maxpagesize=\(maxPage)"]
            )
            try #require(page.status == 200, "\(page.text)")
            pages.append(page.json)
            values += page.json["value"]?.arrayValue ?? []
            if let link = page.json["@odata.deltaLink"]?.stringValue { return (values, link, pages) }
            next = try #require(page.json["@odata.nextLink"]?.stringValue)
        }
        throw SimulatorError.invalidArgument("delta never ended")
    }

    @Test func usersDeltaRoundsMatchTheFixtures() async throws {
        try await withSimulator(users: 30) { sim in
            let first = try await round(sim, "\(sim.base)/v1.0/users/delta?$select=displayName,givenName,surname")
            let active = try await sim.control.users(tenantId: sim.tenant.tenantId).filter { $0.lifecycle == .active }
            #expect(first.values.count == active.count)
            #expect(first.pages.count > 1)
            #expect(
                Fixtures.shapeMismatches(
                    first.pages[0],
                    try Fixtures.load("graph/users-delta-1-initial-nextlink.v1.json")
                ) == []
            )
            #expect(
                Fixtures.shapeMismatches(
                    first.pages.last!,
                    try Fixtures.load("graph/users-delta-3-final-deltalink.v1.json")
                ) == []
            )

            let unchanged = try await round(sim, first.deltaLink)
            #expect(unchanged.values.isEmpty)
            #expect(
                Fixtures.shapeMismatches(
                    unchanged.pages[0],
                    try Fixtures.load("graph/users-delta-4-deltalink-nochanges.v1.json")
                ) == []
            )

            let renamed = active[3]
            try await sim.control.updateUser(tenantId: sim.tenant.tenantId, renamed.id) {
                $0.displayName = "Renamed Person"
            }
            try await sim.control.removeUser(tenantId: sim.tenant.tenantId, active[4].id)
            try await sim.control.removeUser(tenantId: sim.tenant.tenantId, active[5].id, permanently: true)
            let added = try await sim.control.addUser(
                tenantId: sim.tenant.tenantId,
                DirectoryUser(id: "", userPrincipalName: "new.person@\(sim.tenant.domain)", displayName: "New Person")
            )
            let changes = try await round(sim, unchanged.deltaLink)
            #expect(
                Fixtures.shapeMismatches(
                    changes.pages.last!,
                    try Fixtures.load("graph/users-delta-5-deltalink-changes.v1.json")
                ) == []
            )
            let byId = Dictionary(
                changes.values.map { ($0["id"]?.stringValue ?? "", $0) },
                uniquingKeysWith: { a, _ in a }
            )
            #expect(byId[renamed.id]?["displayName"] == "Renamed Person")
            #expect(byId[active[4].id]?["@removed"]?["reason"] == "changed")
            #expect(byId[active[5].id]?["@removed"]?["reason"] == "deleted")
            #expect(byId[added.id]?["displayName"] == "New Person")
            #expect(changes.values.count == 4)
        }
    }

    @Test func staleTokensGetGone() async throws {
        try await withSimulator(users: 12) { sim in
            let first = try await round(sim, "\(sim.base)/v1.0/users/delta", maxPage: 100)
            try await sim.control.expireDeltaTokens(tenantId: sim.tenant.tenantId)
            let token = try await sim.token()
            let gone = try await TestHTTP.json("GET", first.deltaLink, token: token)
            #expect(gone.status == 410)
            #expect(gone.header("location")?.hasPrefix("\(sim.base)/v1.0/users/delta") == true)

            let fresh = try await round(sim, "\(sim.base)/v1.0/users/delta", maxPage: 100)
            await sim.control.advanceClock(by: 8 * 86_400)
            let old = try await TestHTTP.json("GET", fresh.deltaLink, token: try await sim.token())
            #expect(old.status == 410)
        }
    }

    @Test func deltaRejectsUnsupportedOptionsAndSupportsLatest() async throws {
        try await withSimulator(users: 12) { sim in
            #expect(try await sim.graph("/users/delta?$top=5").status == 400)
            #expect(try await sim.graph("/users/delta?$filter=userType%20eq%20'Guest'").status == 400)
            let latest = try await sim.graph("/users/delta?$deltatoken=latest")
            #expect(latest.status == 200)
            #expect(latest.json["value"]?.arrayValue?.isEmpty == true)
            let link = try #require(latest.json["@odata.deltaLink"]?.stringValue)
            try await sim.control.updateUser(tenantId: sim.tenant.tenantId, sim.mailboxUser) { $0.jobTitle = "Chief" }
            let after = try await round(sim, link)
            #expect(after.values.map { $0["id"]?.stringValue } == [sim.mailboxUser])
        }
    }

    @Test func orgContactsDelta() async throws {
        try await withSimulator(orgContacts: 9) { sim in
            let first = try await round(sim, "\(sim.base)/v1.0/contacts/delta", maxPage: 4)
            #expect(first.values.count == 9)
            #expect(
                Fixtures.shapeMismatches(first.pages[0], try Fixtures.load("graph/orgcontacts-delta-nextlink.v1.json"))
                    == []
            )
            let contacts = try await sim.control.orgContacts(tenantId: sim.tenant.tenantId)
            try await sim.control.removeOrgContact(tenantId: sim.tenant.tenantId, contacts[0].id)
            let next = try await round(sim, first.deltaLink)
            #expect(next.values.count == 1)
            #expect(next.values[0]["@removed"]?["reason"] == "deleted")
        }
    }
}
