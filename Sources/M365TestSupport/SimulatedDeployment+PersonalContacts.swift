import Foundation
import M365Primitives
import M365Simulator

/// Helpers for personal contacts tests: mailbox addresses, contact snapshots and the write requests made.
extension SimulatedDeployment {
    /// The user principal names of the tenant's users that have a mailbox, in creation order.
    public func mailboxAddresses(_ tenant: String = "contoso") async throws -> [String] {
        var addresses: [String] = []
        for id in tenants[tenant]!.mailboxUserIds {
            addresses.append(try await simulator.control.user(tenantId: tenantId(tenant), id).userPrincipalName)
        }
        return addresses
    }

    /// Every contact of `mailbox` by id, as the simulator shows them (extended properties included).
    public func contactsById(_ mailbox: String, tenant: String = "contoso") async throws -> [String: JSONValue] {
        let contacts = try await simulator.control.contacts(tenantId: tenantId(tenant), inMailbox: mailbox)
        var byId: [String: JSONValue] = [:]
        for contact in contacts {
            if let id = contact["id"]?.stringValue { byId[id] = contact }
        }
        return byId
    }

    /// The requests logged since the last clear that change something: every Graph write and every `$batch`.
    public func writeRequests() async -> [RequestLogEntry] {
        await simulator.control.requestLog().filter { entry in
            entry.endpoint.hasPrefix("graph.") && (entry.endpoint == "graph.batch" || entry.method != "GET")
        }
    }
}
