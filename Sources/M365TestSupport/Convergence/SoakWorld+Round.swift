import Foundation
import M365Core
import M365Primitives
import M365Simulator
import Synchronization

extension SoakWorld {
    /// One round: directory changes, owner edits, maybe faults, one run (in process or the binary killed at a
    /// random request), then the removal invariant.
    func playRound(_ round: Int, random: inout SeededRandom, outcome: inout ConvergenceSoak.Outcome) async throws {
        outcome.rounds += 1
        for _ in 0..<(1 + random.below(4)) {
            try await changeDirectory(&random)
            outcome.directoryChanges += 1
        }
        for _ in 0..<random.below(3) {
            if try await editAsOwner(&random) { outcome.ownerEdits += 1 }
        }
        if try await disturbDelta(&random) { outcome.deltaDisturbances += 1 }
        var clean = true
        if random.chance(configuration.faultRate) {
            for rule in Self.randomFaults(&random) {
                await control.setFault(rule)
                outcome.faultRules += 1
            }
            clean = false
        }
        let eligible = try await eligiblePeople()
        let before = try await ownedBySource()
        if random.chance(configuration.killRate) {
            if try await runKilled(afterWrites: 1 + random.below(8)) { outcome.kills += 1 }
            clean = false
        } else {
            try await runInline()
        }
        outcome.runs += 1
        await control.clearFaults()
        if clean { try await checkEquivalence(round: round, outcome: &outcome) }
        let after = try await ownedBySource()
        outcome.removalsChecked += before.values.reduce(0) { $0 + $1.count }
        for (target, people) in before {
            let wronged = people.intersection(eligible).subtracting(after[target] ?? [])
            for person in wronged.sorted() {
                outcome.violations.append(
                    "seed \(configuration.seed) round \(round): the contact of \(person), still eligible, was removed from \(target)"
                )
            }
        }
    }

    // MARK: Directory changes

    private func changeDirectory(_ random: inout SeededRandom) async throws {
        let users = try await control.users(tenantId: source).filter { $0.lifecycle == .active }
        let owners = Set(mailboxes.map { $0.lowercased() })
        let others = users.filter { !owners.contains($0.userPrincipalName.lowercased()) }
        // Half the changes go to people a killed or failed run left half-done, where a crash bites hardest.
        let unsettled = try await unsettledPeople()
        let candidates = random.chance(0.5) ? others.filter { unsettled.contains($0.id) } : others
        let pool = candidates.isEmpty ? others : candidates
        guard let user = pool.isEmpty ? nil : random.pick(pool) else { return }
        let tag = String(random.next() % 1_000_000)
        switch random.below(7) {
        case 0:
            try await join(tag: tag, manager: random.chance(0.5) ? user.id : nil)
        case 1:
            try await control.removeUser(tenantId: source, user.id)
        case 2:
            try await control.updateUser(tenantId: source, user.id) { $0.accountEnabled.toggle() }
        case 3:
            try await control.updateUser(tenantId: source, user.id) { $0.displayName += " \(tag)" }
        case 4:
            let domain = user.userPrincipalName.split(separator: "@").last.map(String.init) ?? "contoso.example"
            if let old = user.mail?.lowercased() { formerAddresses.withLock { _ = $0.insert(old) } }
            try await control.updateUser(tenantId: source, user.id) { $0.mail = "moved\(tag)@\(domain)" }
        case 5:
            let manager = random.chance(0.7) ? random.pick(users).id : nil
            try await control.updateUser(tenantId: source, user.id) {
                $0.managerId = manager == user.id ? nil : manager
            }
        default:
            try await control.updateUser(tenantId: source, user.id) { $0.jobTitle = "Title \(tag)" }
        }
    }

    private func join(tag: String, manager: String?) async throws {
        let domain = deployment.tenants["contoso"]?.domain ?? "contoso.example"
        _ = try await control.addUser(
            tenantId: source,
            DirectoryUser(
                id: "",
                userPrincipalName: "joiner\(tag)@\(domain)",
                displayName: "Joiner \(tag)",
                givenName: "Joiner",
                surname: tag,
                mail: "joiner\(tag)@\(domain)",
                mailNickname: "joiner\(tag)",
                jobTitle: "New hire",
                managerId: manager
            )
        )
    }

    // MARK: Mailbox owners

    /// An owner edits or deletes a synced contact, or makes one of their own (which must never change after).
    private func editAsOwner(_ random: inout SeededRandom) async throws -> Bool {
        let mailbox = random.pick(mailboxes)
        let contacts = try await control.contacts(inMailbox: mailbox)
        let synced = contacts.filter { Self.owner(of: $0, job: "pc") != nil }
        switch random.below(3) {
        case 0 where !synced.isEmpty:
            let id = random.pick(synced)["id"]?.stringValue ?? ""
            _ = try await control.editContact(
                mailbox: mailbox,
                contactId: id,
                changes: .object(["jobTitle": .string("Edited by the owner")])
            )
        case 1 where !synced.isEmpty:
            try await control.deleteContact(mailbox: mailbox, contactId: random.pick(synced)["id"]?.stringValue ?? "")
        default:
            let made = try await control.addPersonalContact(
                mailbox: mailbox,
                contact: .object(["displayName": .string("Plumber \(random.below(10_000))")])
            )
            guard let id = made["id"]?.stringValue else { return false }
            handMade.withLock { $0[mailbox, default: [:]][id] = made }
        }
        return true
    }

    // MARK: Faults

    static func randomFaults(_ random: inout SeededRandom) -> [FaultRule] {
        let endpoints = [
            "graph.batch", "graph.users", "graph.users.delta", "graph.mailbox.contacts", "graph.mailbox.contacts.delta",
            "graph.mailbox.folders", "exchange.invoke", "graph.*", "token",
        ]
        return (0..<(1 + random.below(3))).map { _ in
            let action: FaultRule.Action =
                switch random.below(7) {
                case 0: .status(503, retryAfter: 0.01)
                case 1: .status(429, retryAfter: 0.01)
                case 2: .status(500, retryAfter: nil)
                case 3: .htmlPage(502)
                case 4: .dropConnection
                case 5: .appliedButResponseLost
                default: .delay(seconds: 0.05)
                }
            return FaultRule(
                endpoint: random.pick(endpoints),
                action: action,
                rate: 0.1 + Double(random.below(30)) / 100,
                limit: 1 + random.below(6)
            )
        }
    }
}
