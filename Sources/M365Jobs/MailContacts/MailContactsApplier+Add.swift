import Logging
import M365Client
import M365Core

extension MailContactsApplier {
    /// The outcome of one add, and the `Name` it got when a collision renumbered it.
    struct AddResult: Sendable {
        var report: ActionReport
        var rename: (from: String, to: String)?
    }

    /// New-MailContact (renumbering a taken name, never duplicating after a lost response), then the follow-ups.
    func add(_ add: MailContactAdd) async -> AddResult {
        let report = ActionReport(action: .add, sourceId: add.sourceId, displayName: add.displayName, email: add.email)
        let created: (identity: String, name: String)
        do {
            created = try await create(add)
        } catch {
            let outcome = report.with(status: .failed, error: "New-MailContact: \(error)")
            AuditTrail.record(outcome, logger: logger)
            return AddResult(report: outcome)
        }
        // The marker goes first (Set-MailContact), so an interrupted add is found by its marker next time.
        let outcome = await perform(Array(add.invocations(identity: created.identity).dropFirst()), report: report)
        return AddResult(report: outcome, rename: created.name == add.name ? nil : (add.name, created.name))
    }

    /// Creates the contact; returns its Guid (or Name) and the Name it got.
    func create(_ add: MailContactAdd) async throws -> (identity: String, name: String) {
        var number = 1
        var lostResponses = 0
        while true {
            var parameters = add.newMailContact
            let name = Self.numbered(add.name, number)
            parameters["Name"] = .string(name)
            if number > 1, let alias = add.newMailContact["Alias"]?.stringValue {
                parameters["Alias"] = .string(Self.numbered(alias, number))
            }
            do {
                let rows = try await exchange.invoke(cmdlet: "New-MailContact", parameters: parameters)
                let identity = rows.first.flatMap { MailContactsApplier.identity(of: $0) } ?? name
                return (identity, name)
            } catch let error as M365Error where error.kind == .duplicateName || error.kind == .outcomeUnknown {
                if let own = try await interruptedAdd(add) { return own }
                if error.kind == .outcomeUnknown {
                    // Not created after all: one more attempt.
                    lostResponses += 1
                    guard lostResponses < 2 else { throw error }
                } else {
                    // The address is free, so the Name was taken: the next numbered variant.
                    number += 1
                    guard number <= Self.maxNameAttempts else { throw error }
                }
            }
        }
    }

    /// The contact holding `add`'s address, when it is this job's own earlier attempt; throws when someone else's.
    ///
    /// Ours: it carries this job's marker for the same source id, or it carries no marker and its Name is the add's
    /// Name or a numbered variant of the same base (what this job derives), i.e. a New-MailContact whose follow-up
    /// never ran.
    func interruptedAdd(_ add: MailContactAdd) async throws -> (identity: String, name: String)? {
        let rows: [[String: JSONValue]]
        do {
            rows = try await exchange.invoke(cmdlet: "Get-MailContact", parameters: ["Identity": .string(add.email)])
        } catch let error as M365Error where error.kind == .notFound {
            return nil
        }
        guard let row = rows.first else { return nil }
        let found = ExistingMailContact(
            mailContact: row,
            contact: nil,
            job: job,
            markerAttribute: target.markerAttribute,
            domains: nil
        )
        switch found.ownership {
        case .managed(let sourceId) where sourceId == add.sourceId:
            return (found.identity, found.name)
        case .unmarked where Self.nameBase(found.name).lowercased() == Self.nameBase(add.name).lowercased():
            logger.info("Completing an interrupted add", metadata: ["source_id": .string(add.sourceId)])
            return (found.identity, found.name)
        default:
            throw MailContactsAddressInUse(email: add.email)
        }
    }

    static let maxNameAttempts = 50

    /// `Guid`, else `Identity`.
    static func identity(of row: [String: JSONValue]) -> String? {
        row["Guid"]?.stringValue ?? row["Identity"]?.stringValue
    }

    /// `name` (1), else `name-N` cut to 64 characters.
    static func numbered(_ name: String, _ number: Int) -> String {
        guard number > 1 else { return name }
        let suffix = "-\(number)"
        return String(name.prefix(64 - suffix.count)) + suffix
    }

    /// `name` without a trailing `-N`.
    static func nameBase(_ name: String) -> String {
        guard let dash = name.lastIndex(of: "-") else { return name }
        let digits = name[name.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return name }
        return String(name[..<dash])
    }
}

/// A mail contact not owned by the job already has the address of a contact to add.
struct MailContactsAddressInUse: Error, CustomStringConvertible {
    var email: String
    var description: String { "the address \(email) belongs to a mail contact this job does not own" }
}
