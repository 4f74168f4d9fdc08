import M365Client
import M365Core
import M365Primitives

/// Reads the mail contacts a job may own from the target tenant, as narrowly as its ownership mode allows.
struct MailContactsReader: Sendable {
    let exchange: ExchangeClient
    let job: String
    let target: MailContactsTarget

    /// Get-MailContact output and the Get-Contact records of the same objects.
    struct Contacts: Sendable {
        var mailContacts: [[String: JSONValue]]
        var contacts: [[String: JSONValue]]
    }

    /// The OPATH filter: the job's marker, and in `domain` ownership also the addresses in `domains`.
    func filter(domains: Set<String>) -> String {
        var clauses = ["(\(target.markerAttribute) -like '\(Self.quoted(markerPrefix))*')"]
        if target.ownership == .domain {
            clauses += domains.sorted().map { "(ExternalEmailAddress -like '*@\(Self.quoted($0))')" }
        }
        return clauses.joined(separator: " -or ")
    }

    /// `m365sync:<job>:`, the start of every marker of this job.
    var markerPrefix: String { OwnershipMarker(job: job, sourceId: "").encoded }

    func read(domains: Set<String>) async throws -> Contacts {
        let mailContacts = try await exchange.invoke(
            cmdlet: "Get-MailContact",
            parameters: ["Filter": .string(filter(domains: domains)), "ResultSize": .string("Unlimited")]
        )
        guard !mailContacts.isEmpty else { return Contacts(mailContacts: [], contacts: []) }
        // The contact view has no custom attributes to filter on: read the mail contacts' contact records.
        let contacts = try await exchange.invoke(
            cmdlet: "Get-Contact",
            parameters: ["RecipientTypeDetails": .string("MailContact"), "ResultSize": .string("Unlimited")]
        )
        return Contacts(mailContacts: mailContacts, contacts: contacts)
    }

    /// The job's marked mail contacts only (what `clear` removes).
    func readMarked() async throws -> [[String: JSONValue]] {
        try await exchange.invoke(
            cmdlet: "Get-MailContact",
            parameters: [
                "Filter": .string("\(target.markerAttribute) -like '\(Self.quoted(markerPrefix))*'"),
                "ResultSize": .string("Unlimited"),
            ]
        )
    }

    /// Doubles single quotes for an OPATH string literal.
    static func quoted(_ text: String) -> String {
        text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''")
    }
}
