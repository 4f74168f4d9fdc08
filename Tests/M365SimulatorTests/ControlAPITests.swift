import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Control API mutations")
struct ControlAPITests {
    @Test func groupMembershipChangesShowInTransitiveMembers() async throws {
        try await withSimulator(groups: 2) { sim in
            let group = try await sim.control.addGroup(tenantId: sim.tenant.domain, displayName: "Sync Targets")
            let users = try await sim.control.users(tenantId: sim.tenant.tenantId)
            try await sim.control.addGroupMember(
                tenantId: sim.tenant.tenantId,
                groupId: group.id,
                memberId: users[0].id
            )
            try await sim.control.addGroupMember(
                tenantId: sim.tenant.tenantId,
                groupId: group.id,
                memberId: users[1].id
            )
            let before = try await sim.graphAll("/groups/\(group.id)/transitiveMembers/microsoft.graph.user?$select=id")
            #expect(Set(before.compactMap { $0["id"]?.stringValue }) == [users[0].id, users[1].id])
            try await sim.control.removeGroupMember(
                tenantId: sim.tenant.tenantId,
                groupId: group.id,
                memberId: users[0].id
            )
            let after = try await sim.graphAll("/groups/\(group.id)/transitiveMembers/microsoft.graph.user?$select=id")
            #expect(after.compactMap { $0["id"]?.stringValue } == [users[1].id])
        }
    }

    @Test func mailboxCanBeTurnedOffAndUsersRestored() async throws {
        try await withSimulator { sim in
            let user = sim.mailboxUser
            try await sim.control.setMailbox(tenantId: sim.tenant.tenantId, user, enabled: false)
            let off = try await sim.graph("/users/\(user)/contacts")
            #expect(off.json["error"]?["code"] == "MailboxNotEnabledForRESTAPI")
            try await sim.control.setMailbox(tenantId: sim.tenant.tenantId, user, enabled: true)
            #expect(try await sim.graph("/users/\(user)/contacts").status == 200)
            try await sim.control.removeUser(tenantId: sim.tenant.tenantId, user)
            #expect(try await sim.graph("/users/\(user)").status == 404)
            #expect(try await sim.graph("/users/\(user)/contacts").json["error"]?["code"] == "ErrorInvalidUser")
            try await sim.control.restoreUser(tenantId: sim.tenant.tenantId, user)
            #expect(try await sim.graph("/users/\(user)").status == 200)
        }
    }

    @Test func orgContactChangesAndAppPermissions() async throws {
        try await withSimulator(orgContacts: 3) { sim in
            let contacts = try await sim.control.orgContacts(tenantId: sim.tenant.tenantId)
            try await sim.control.updateOrgContact(tenantId: sim.tenant.tenantId, contacts[0].id) {
                $0.companyName = "Wingtip"
            }
            let read = try await sim.graph("/contacts/\(contacts[0].id)")
            #expect(read.json["companyName"] == "Wingtip")
            let added = try await sim.control.addOrgContact(
                tenantId: sim.tenant.tenantId,
                OrgContact(
                    id: "",
                    displayName: "Éva Kovács",
                    mail: "eva@partner.example",
                    phones: [.init(number: "+36 1 555", type: "mobile")]
                )
            )
            #expect(added.id.count == 36)
            #expect(try await sim.graphAll("/contacts").count == 4)

            var reduced = AppPermissions.all
            reduced.exchangeRecipientAdministrator = false
            try await sim.control.setAppPermissions(clientId: sim.app.clientId, reduced)
            #expect(try await sim.exchange("Get-MailContact").status == 403)
            await #expect(throws: SimulatorError.self) {
                try await sim.control.setAppPermissions(clientId: "nope", .all)
            }
        }
    }

    @Test func requestLogRecordsEndpointsAndCanBeCleared() async throws {
        try await withSimulator { sim in
            _ = try await sim.graph("/users?$top=1")
            _ = try await sim.exchange("Get-MailContact")
            let log = await sim.control.requestLog()
            #expect(log.map(\.endpoint).contains("graph.users"))
            #expect(
                log.contains { $0.endpoint == "exchange.invoke" && $0.cmdlet == "Get-MailContact" && $0.status == 200 }
            )
            #expect(log.filter { $0.endpoint == "token" }.count == 2)
            #expect(log.allSatisfy { $0.tenantId == sim.tenant.tenantId || $0.endpoint == "token" })
            await sim.control.clearRequestLog()
            #expect(await sim.control.requestLog().isEmpty)
            #expect(await sim.control.counters().isEmpty)
        }
    }
}
