import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Seeded generator")
struct GeneratorTests {
    private func snapshot(
        seed: UInt64,
        users: Int = 300
    ) async throws -> (TenantInfo, [DirectoryUser], [OrgContact], [DirectoryGroup], [[JSONValue]]) {
        let server = try await SimulatorServer.start()
        do {
            let tenant = try await server.control.addTenant(
                TenantSeed(seed: seed, users: users, mailboxes: 8, orgContacts: 20, groups: 4)
            )
            let users = try await server.control.users(tenantId: tenant.tenantId)
            let contacts = try await server.control.orgContacts(tenantId: tenant.tenantId)
            let groups = try await server.control.groups(tenantId: tenant.tenantId)
            var mailboxes: [[JSONValue]] = []
            for id in tenant.mailboxUserIds { mailboxes.append(try await server.control.contacts(inMailbox: id)) }
            await server.stop()
            return (tenant, users, contacts, groups, mailboxes)
        } catch {
            await server.stop()
            throw error
        }
    }

    @Test("Tenants of neighbouring seeds share no id, as GUIDs in Microsoft 365 never repeat")
    func idsAreUniqueAcrossTenants() async throws {
        var seen: [String: UInt64] = [:]
        for seed: UInt64 in [1, 2, 3, 7] {
            let (tenant, users, contacts, groups, mailboxes) = try await snapshot(seed: seed, users: 60)
            var ids = [tenant.tenantId] + users.map(\.id) + contacts.map(\.id) + groups.map(\.id)
            ids += mailboxes.flatMap { $0.compactMap { $0["id"]?.stringValue } }
            #expect(Set(ids).count == ids.count, "seed \(seed) repeats an id of its own")
            for id in ids {
                if let other = seen[id] { Issue.record("seed \(seed) hands out \(id) of seed \(other)") }
                seen[id] = seed
            }
        }
        #expect(seen.count > 4 * 60)
    }

    @Test func sameSeedSameTenant() async throws {
        let a = try await snapshot(seed: 42)
        let b = try await snapshot(seed: 42)
        #expect(a.0 == b.0)
        #expect(a.1 == b.1)
        #expect(a.2 == b.2)
        #expect(a.3 == b.3)
        #expect(a.4.map { $0.map { $0["id"] } } == b.4.map { $0.map { $0["id"] } })
        #expect(a.4.map { $0.map { $0["displayName"] } } == b.4.map { $0.map { $0["displayName"] } })
        let c = try await snapshot(seed: 43)
        #expect(c.0.tenantId != a.0.tenantId)
        #expect(c.1.map(\.id) != a.1.map(\.id))
    }

    @Test func tenantsAreRealisticallyVaried() async throws {
        let (tenant, users, contacts, groups, mailboxes) = try await snapshot(seed: 1, users: 600)
        #expect(tenant.domain == "contoso.onmicrosoft.com")
        #expect(users.count == 600)
        #expect(users.allSatisfy { $0.id.count == 36 && $0.id == $0.id.lowercased() })
        let names = users.map(\.displayName).joined()
        #expect(names.contains { "áéíóúñüöäßøåłźšçë".contains($0) })
        #expect(names.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
        #expect(names.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) })
        #expect(users.contains { $0.userType == "Guest" && $0.userPrincipalName.contains("#EXT#") })
        #expect(users.contains { !$0.accountEnabled })
        #expect(users.contains { $0.userType == "Member" && $0.assignedLicenses.isEmpty })
        #expect(users.contains { $0.showInAddressList == false })
        #expect(users.contains { $0.managerId != nil })
        #expect(users.contains { !$0.hasMailbox })
        #expect(users.filter(\.hasMailbox).count == 8)
        #expect(users.contains { !$0.businessPhones.isEmpty && $0.city != nil && $0.department != nil })
        #expect(users.allSatisfy { $0.userPrincipalName.allSatisfy(\.isASCII) })
        #expect(contacts.count == 20)
        #expect(contacts.allSatisfy { !$0.phones.isEmpty && !$0.addresses.isEmpty })
        #expect(groups.count == 4)
        #expect(mailboxes.contains { !$0.isEmpty })
    }

    @Test func duplicateTenantIsRefusedAndSeveralTenantsCoexist() async throws {
        let server = try await SimulatorServer.start()
        do {
            let first = try await server.control.addTenant(TenantSeed(seed: 5, users: 10, mailboxes: 1))
            let second = try await server.control.addTenant(TenantSeed(seed: 6, users: 10, mailboxes: 1))
            #expect(first.domain != second.domain)
            await #expect(throws: SimulatorError.self) {
                try await server.control.addTenant(TenantSeed(seed: 5, users: 10, mailboxes: 1))
            }
            #expect(await server.control.tenants().count == 2)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func prefillStoresContactsCompactly() async throws {
        let server = try await SimulatorServer.start()
        do {
            let tenant = try await server.control.addTenant(
                TenantSeed(seed: 9, users: 50, mailboxes: 4, handMadeContacts: 0)
            )
            try await server.control.prefillContacts(tenantId: tenant.tenantId, total: 2_000)
            var total = 0
            for id in tenant.mailboxUserIds { total += try await server.control.contactCount(inMailbox: id) }
            #expect(total == 2_000)
            let sample = try await server.control.contacts(inMailbox: tenant.mailboxUserIds[0]).first
            #expect(sample?["singleValueExtendedProperties"]?.arrayValue?.count == 1)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
