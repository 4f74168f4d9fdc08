import Foundation
import M365Primitives

/// What a request addresses: which service, endpoint name, tenant and mailbox.
struct RouteInfo: Sendable {
    enum Service: Sendable {
        case token, graph, exchange, unknown
    }

    var service: Service
    var endpoint: String
    var tenantKey: String?
    var mailboxKey: String?
    var cmdlet: String?

    /// Whether the request changes state (for "applied but response lost").
    var isWrite = false

    static func classify(_ request: SimRequest) -> RouteInfo {
        let s = request.segments
        let write = request.method != "GET"
        if s.count == 4, s[1] == "oauth2", s[2] == "v2.0", s[3] == "token" {
            return RouteInfo(service: .token, endpoint: "token", tenantKey: s[0])
        }
        if s.count == 4, s[0] == "adminapi", s[1] == "beta", s[3] == "InvokeCommand" {
            var info = RouteInfo(service: .exchange, endpoint: "exchange.invoke", tenantKey: s[2])
            info.cmdlet = cmdletName(request)
            info.isWrite = !(info.cmdlet?.lowercased().hasPrefix("get-") ?? true)
            return info
        }
        guard s.first?.lowercased() == "v1.0", s.count >= 2 else {
            return RouteInfo(service: .unknown, endpoint: "unknown")
        }
        return classifyGraph(Array(s.dropFirst()), write: write)
    }

    /// Classifies a Graph path below `/v1.0`.
    static func classifyGraph(_ s: [String], write: Bool) -> RouteInfo {
        var info = RouteInfo(service: .graph, endpoint: "graph.unknown")
        info.isWrite = write
        let first = s.first?.lowercased() ?? ""
        switch first {
        case "$batch": info.endpoint = "graph.batch"
        case "users":
            if s.count == 1 {
                info.endpoint = "graph.users"
            } else if s.count == 2 {
                info.endpoint = s[1].lowercased() == "delta" ? "graph.users.delta" : "graph.users"
            } else {
                info.mailboxKey = s[1]
                let second = s[2].lowercased()
                if second == "contactfolders" {
                    if s.count >= 5, s[4].lowercased() == "contacts" {
                        info.endpoint =
                            s.count == 6 && s[5].lowercased() == "delta"
                            ? "graph.mailbox.contacts.delta"
                            : s.count >= 7 && s[6].lowercased() == "photo"
                                ? "graph.mailbox.contacts.photo" : "graph.mailbox.contacts"
                    } else {
                        info.endpoint = "graph.mailbox.folders"
                    }
                } else if second == "contacts" {
                    info.endpoint =
                        s.count >= 5 && s[4].lowercased() == "photo"
                        ? "graph.mailbox.contacts.photo" : "graph.mailbox.contacts"
                } else if second == "photo" {
                    // Served by Exchange for mailbox users: throttled like the user's mailbox.
                    info.endpoint = "graph.users.photo"
                } else {
                    info.endpoint = "graph.users"
                    info.mailboxKey = nil
                }
            }
        case "contacts":
            info.endpoint =
                s.count == 2 && s[1].lowercased() == "delta" ? "graph.orgcontacts.delta" : "graph.orgcontacts"
        case "groups": info.endpoint = "graph.groups.members"
        default: break
        }
        return info
    }

    static func cmdletName(_ request: SimRequest) -> String? {
        if let body = try? JSONValue(decoding: Data(request.body)),
            let name = body["CmdletInput"]?["CmdletName"]?.stringValue
        {
            return name
        }
        return request.header("x-cmdletname")
    }
}
