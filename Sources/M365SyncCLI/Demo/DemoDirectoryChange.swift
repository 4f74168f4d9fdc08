import Foundation
import M365Core
import M365Primitives

/// The directory changes the demo makes between two runs: a new hire, a new title, a leaver.
struct DemoDirectoryChange {
    var lines: [String]

    static func make(control: SimulatorControlClient, domain: String, after report: RunReport) async throws -> Self {
        let synced = Set(report.jobs.flatMap(\.targets).flatMap(\.actions).map(\.sourceId))
        let users = try await control.users().filter { user in
            user["id"]?.stringValue.map(synced.contains) == true && user["hasMailbox"]?.boolValue != true
        }
        guard users.count >= 2, let promoted = users.first, let leaver = users.last,
            let promotedId = promoted["id"]?.stringValue, let leaverId = leaver["id"]?.stringValue
        else { throw DemoError("the simulated tenant has too few synced users for the demo") }

        let licence: JSONValue =
            users.first?["assignedLicenses"]?.arrayValue?.first ?? ["skuId": .string(UUID().uuidString.lowercased())]
        try await control.addUser([
            "displayName": "Ada Newhire", "givenName": "Ada", "surname": "Newhire",
            "userPrincipalName": "ada.newhire@\(domain)", "mail": "ada.newhire@\(domain)",
            "jobTitle": "Engineer", "department": "Research", "mobilePhone": "+1 425 555 0199",
            "accountEnabled": true, "userType": "Member", "assignedLicenses": [licence],
        ])
        try await control.updateUser(promotedId, ["jobTitle": "Head of Demonstrations"])
        try await control.removeUser(leaverId)
        return DemoDirectoryChange(lines: [
            "Ada Newhire joins (Engineer, Research)",
            "\(promoted["displayName"]?.stringValue ?? promotedId) becomes Head of Demonstrations",
            "\(leaver["displayName"]?.stringValue ?? leaverId) leaves the company",
        ])
    }
}

/// One line per mailbox with its counts.
enum DemoSummary {
    static func counts(_ report: RunReport) -> String {
        var lines: [String] = []
        for job in report.jobs {
            for target in job.targets {
                let c = target.counts
                lines.append(
                    "   \(target.target): \(c.add) add, \(c.update) update, \(c.remove) remove, \(c.unchanged) unchanged"
                        + (target.error.map { " (\($0))" } ?? "")
                )
            }
            lines.append(
                "   requests: \(job.requests.total) (\(job.requests.byKind.keys.sorted().joined(separator: ", ")))"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
