import Logging
import M365Client
import M365Core
import M365Primitives

/// Reads the mail contacts a job may own from the target tenant, as narrowly as its ownership mode allows.
struct MailContactsReader: Sendable {
    let exchange: ExchangeClient
    let job: String
    let target: MailContactsTarget
    /// The mirror of Get-Contact records; nil: every record is read each run.
    var records: MailContactRecords?

    /// More changed records than this are read with one listing instead of one Get-Contact each.
    static let singleReadLimit = 20

    /// Get-MailContact output and the Get-Contact records of the same objects.
    struct Contacts: Sendable {
        var mailContacts: [[String: JSONValue]]
        var contacts: [[String: JSONValue]]
        /// The records to store in the mirror once the run is done, and what the mirror held.
        var current: [String: MailContactRecords.Record] = [:]
        var loaded = MailContactRecords.Loaded()
        var fullRead = true
        /// Get-Contact calls made.
        var contactReads = 0
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
        var result = Contacts(mailContacts: mailContacts, contacts: [])
        guard !mailContacts.isEmpty else { return result }
        result.loaded = try records?.load() ?? MailContactRecords.Loaded()
        var missing: [String: String] = [:]
        for mailContact in mailContacts {
            guard let guid = Self.guid(mailContact) else { continue }
            let when = MailContactField.text(mailContact["WhenChangedUTC"]) ?? ""
            if let record = result.loaded.records[guid], record.whenChanged == when, !when.isEmpty {
                result.current[guid] = record
            } else {
                missing[guid] = when
            }
        }
        result.fullRead = !result.loaded.usable
        for (guid, contact) in try await readRecords(
            Set(missing.keys),
            all: result.fullRead,
            count: &result.contactReads
        ) {
            result.current[guid] = MailContactRecords.Record(whenChanged: missing[guid] ?? "", contact: contact)
        }
        result.contacts = result.current.values.map(\.contact)
        return result
    }

    /// The Get-Contact records of `guids`: one call each when they are few, else (or when `all`) one listing of
    /// every mail contact's record (the contact view has no custom attributes to filter on).
    private func readRecords(
        _ guids: Set<String>,
        all: Bool,
        count: inout Int
    ) async throws -> [String: [String: JSONValue]] {
        guard !guids.isEmpty else { return [:] }
        var found: [String: [String: JSONValue]] = [:]
        if all || guids.count > Self.singleReadLimit {
            count += 1
            let listed = try await exchange.invoke(
                cmdlet: "Get-Contact",
                parameters: ["RecipientTypeDetails": .string("MailContact"), "ResultSize": .string("Unlimited")]
            )
            for contact in listed {
                if let guid = Self.guid(contact), guids.contains(guid) { found[guid] = contact }
            }
            return found
        }
        for guid in guids.sorted() {
            count += 1
            do {
                let rows = try await exchange.invoke(cmdlet: "Get-Contact", parameters: ["Identity": .string(guid)])
                if let contact = rows.first { found[guid] = contact }
            } catch let error as M365Error where error.kind == .notFound {
                continue
            }
        }
        return found
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

    /// Stores the records this read used, once the run is done, without those of the contacts the run wrote
    /// (`actions`: by source id or address): the next run reads those again, since a write in the same second as
    /// this read leaves `WhenChangedUTC` as it was. A failure is logged (the next run reads more).
    func commit(_ contacts: Contacts, writtenBy actions: [ActionReport], logger: Logger) {
        guard let records, !contacts.mailContacts.isEmpty || !contacts.loaded.records.isEmpty else { return }
        let written = actions.filter { $0.status == .applied || $0.status == .failed }
        let sources = Set(written.map(\.sourceId))
        let addresses = Set(written.map { $0.email.lowercased() })
        var current = contacts.current
        for mailContact in contacts.mailContacts {
            let existing = ExistingMailContact(
                mailContact: mailContact,
                contact: nil,
                job: job,
                markerAttribute: target.markerAttribute,
                domains: nil
            )
            let owner: String? = if case .managed(let sourceId) = existing.ownership { sourceId } else { nil }
            if owner.map(sources.contains) == true || addresses.contains(existing.email.lowercased()),
                let guid = Self.guid(mailContact)
            {
                current[guid] = nil
            }
        }
        do {
            try records.commit(current, loaded: contacts.loaded, fullRead: contacts.fullRead)
        } catch {
            logger.warning("Cannot store the mail contact records", metadata: ["error": .string("\(error)")])
        }
    }

    static func guid(_ object: [String: JSONValue]) -> String? {
        MailContactField.text(object["Guid"]) ?? MailContactField.text(object["Identity"])
    }

    /// Doubles single quotes for an OPATH string literal.
    static func quoted(_ text: String) -> String {
        text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''")
    }
}
