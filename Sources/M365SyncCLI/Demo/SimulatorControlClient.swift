import Foundation
import HTTPTypes
import M365Curl
import M365Primitives

/// The few `/_sim/` control calls the demo makes to change the simulated directory.
struct SimulatorControlClient: Sendable {
    let transport: HTTPTransport
    let baseURL: String
    let caFile: String?
    let tenant: String

    /// Every user of the tenant as the control API returns them.
    func users() async throws -> [[String: JSONValue]] {
        let data = try await send(.get, "/_sim/tenants/\(tenant)/users", body: nil)
        return try JSONDecoder().decode([[String: JSONValue]].self, from: data)
    }

    func addUser(_ user: JSONValue) async throws {
        _ = try await send(.post, "/_sim/tenants/\(tenant)/users", body: user)
    }

    func updateUser(_ id: String, _ changes: JSONValue) async throws {
        _ = try await send(.patch, "/_sim/tenants/\(tenant)/users/\(id)", body: changes)
    }

    func removeUser(_ id: String) async throws {
        _ = try await send(.delete, "/_sim/tenants/\(tenant)/users/\(id)", body: nil)
    }

    private func send(_ method: HTTPRequest.Method, _ path: String, body: JSONValue?) async throws -> Data {
        var request = HTTPTransportRequest(HTTPRequest(method: method, url: baseURL + path), extraCAFile: caFile)
        if let body {
            request.body = try body.encoded()
            request.head.headerFields[.contentType] = "application/json"
        }
        let response = try await transport.send(request)
        guard response.head.status.kind == .successful else {
            throw DemoError("simulator control call \(method) \(path) answered \(response.head.status.code)")
        }
        return response.body
    }
}
