import M365Primitives

/// Outcome of the throttling check.
enum Admission: Sendable {
    /// Go ahead; release `slot` (if any) when done.
    case admitted(slot: String?)
    case throttled(retryAfter: Double)
}

extension SimulatorWorld {
    /// Counts the request against its window and concurrency limits.
    mutating func admit(route: RouteInfo, claims: AccessTokenClaims?, now: Double, concurrent: Bool) -> Admission {
        guard throttling.enabled, let claims else { return .admitted(slot: nil) }
        let options = throttling
        let key: String
        let budget: Int
        let window: Double
        var concurrency: Int?
        switch route.endpoint {
        case let name where name.hasPrefix("graph.mailbox") || name == "graph.users.photo":
            let mailbox = mailboxThrottleKey(tenantId: claims.tenantId, mailbox: route.mailboxKey ?? "")
            key = "mailbox|\(claims.clientId)|\(mailbox)"
            budget = options.mailboxRequestsPerWindow
            window = options.mailboxWindowSeconds
            concurrency = options.mailboxConcurrency
        case "graph.users", "graph.users.delta", "graph.orgcontacts", "graph.orgcontacts.delta", "graph.groups.members":
            key = "directory|\(claims.clientId)|\(claims.tenantId)"
            budget = options.directoryRequestsPerWindow
            window = options.directoryWindowSeconds
        case "exchange.invoke":
            key = "exchange|\(claims.tenantId)"
            budget = options.exchangeRequestsPerWindow
            window = options.exchangeWindowSeconds
            concurrency = options.exchangeConcurrency
        default:
            return .admitted(slot: nil)
        }
        var entry = windows[key] ?? (start: now, count: 0)
        if now >= entry.start + window { entry = (start: now, count: 0) }
        if entry.count >= budget {
            windows[key] = entry
            return .throttled(retryAfter: retryAfter(entry.start + window - now))
        }
        if concurrent, let concurrency {
            let running = inflight[key, default: 0]
            if running >= concurrency { return .throttled(retryAfter: retryAfter(1)) }
            inflight[key] = running + 1
            entry.count += 1
            windows[key] = entry
            return .admitted(slot: key)
        }
        entry.count += 1
        windows[key] = entry
        return .admitted(slot: nil)
    }

    mutating func release(_ slot: String) {
        inflight[slot, default: 1] -= 1
    }

    private func retryAfter(_ seconds: Double) -> Double {
        let positive = max(seconds, 0.001)
        if throttling.fractionalRetryAfter {
            let value = (positive * 1_000).rounded(.up) / 1_000
            return value.rounded() == value ? value + 0.128 : value
        }
        return max(1, positive.rounded(.up))
    }

    private func mailboxThrottleKey(tenantId: String, mailbox: String) -> String {
        if let tenant = tenants.first(where: { $0.tenantId == tenantId }), let index = tenant.userPosition(mailbox) {
            return tenant.users[index].id
        }
        return mailbox.lowercased()
    }

    /// The fault to apply to this request, if a rule matches and its draw says so.
    mutating func drawFault(route: RouteInfo, method: String, insideBatch: Bool) -> FaultRule? {
        for index in faults.indices {
            let rule = faults[index].rule
            guard rule.matches(endpoint: route.endpoint, method: method, cmdlet: route.cmdlet) else { continue }
            if insideBatch, !rule.insideBatch { continue }
            faults[index].matched += 1
            if faults[index].matched <= rule.skip { continue }
            if let limit = rule.limit, faults[index].applied >= limit { continue }
            guard faultRandom.chance(rule.rate) else { continue }
            faults[index].applied += 1
            return rule
        }
        return nil
    }
}
