import Logging
import M365Client
import M365Core
import M365Primitives

extension MailContactsApplier {
    /// The outcome of one add, and the identity (Guid) of the contact when it was created.
    struct AddResult: Sendable {
        var report: ActionReport
        var identity: String?
    }

    /// New-MailContact (renumbering a taken name, never duplicating after a lost response), then the follow-ups.
    func add(_ add: MailContactAdd) async -> AddResult {
        let report = add.report()
        let created: (identity: String, name: String)
        let unfinishedEarlier = pending.unfinishedEarlier(email: add.email)
        pending.begin(email: add.email, name: add.name, sourceId: add.sourceId)
        do {
            created = try await create(add, resuming: unfinishedEarlier)
        } catch let error as MailContactsAddressInUse {
            pending.finish(email: add.email)
            logger.warning(
                "Not added: another recipient has the address",
                metadata: ["source_id": .string(add.sourceId), "email": .string(add.email)]
            )
            let reason = SourceSkipReason.addressInUse.rawValue
            return AddResult(report: report.with(status: .skipped, error: "\(reason): \(error)"))
        } catch {
            // After a lost response the contact may exist: it stays pending, to be completed next time.
            if (error as? M365Error)?.kind != .outcomeUnknown { pending.finish(email: add.email) }
            let outcome = report.with(status: .failed, error: "New-MailContact: \(error)")
            AuditTrail.record(outcome, logger: logger)
            return AddResult(report: outcome)
        }
        // The marker goes first (Set-MailContact), so an interrupted add is found by its marker next time.
        let outcome = await perform(Array(add.invocations(identity: created.identity).dropFirst()), report: report)
        if outcome.status == .applied { pending.finish(email: add.email) }
        return AddResult(report: outcome, identity: created.identity)
    }

    /// Creates the contact; returns its Guid (or Name) and the Name it got. `resuming`: an earlier add of this
    /// address never finished, so an unmarked contact with the derived Name is that add's.
    ///
    /// A Name someone else holds gets the next numbered Name (and Alias); an Alias someone else holds (another
    /// recipient's nickname) the next numbered Alias, the Name unchanged.
    func create(_ add: MailContactAdd, resuming: Bool) async throws -> (identity: String, name: String) {
        var number = 1
        var aliasNumber = 1
        var lostResponses = 0
        var mayOwnUnmarked = resuming
        while true {
            var parameters = add.newMailContact
            let name = Self.numbered(add.name, number)
            parameters["Name"] = .string(name)
            if aliasNumber > 1, let alias = add.newMailContact["Alias"]?.stringValue {
                parameters["Alias"] = .string(Self.numbered(alias, aliasNumber))
            }
            do {
                let rows = try await exchange.invoke(cmdlet: "New-MailContact", parameters: parameters)
                let identity = rows.first.flatMap { MailContactsApplier.identity(of: $0) } ?? name
                return (identity, name)
            } catch let error as M365Error
                where [.duplicateName, .aliasInUse, .addressInUse, .outcomeUnknown].contains(error.kind)
            {
                // A lost response: the contact may have been created just now.
                if error.kind == .outcomeUnknown { mayOwnUnmarked = true }
                if let own = try await interruptedAdd(add, mayOwnUnmarked: mayOwnUnmarked) { return own }
                if error.kind == .addressInUse {
                    // A recipient that is not a mail contact (a mailbox, a mail user, a group) has it.
                    throw MailContactsAddressInUse(email: add.email)
                }
                if error.kind == .outcomeUnknown {
                    // Not created after all: one more attempt.
                    lostResponses += 1
                    guard lostResponses < 2 else { throw error }
                } else if error.kind == .aliasInUse {
                    aliasNumber += 1
                    guard aliasNumber <= Self.maxNameAttempts else { throw error }
                } else {
                    // The address is free, so the Name was taken: the next numbered variant.
                    number += 1
                    aliasNumber = max(aliasNumber + 1, number)
                    guard number <= Self.maxNameAttempts else { throw error }
                }
            }
        }
    }

    /// The contact holding `add`'s address, when it is this job's own earlier attempt; throws when someone else's.
    ///
    /// Ours: it carries this job's marker for the same source id; or it carries no marker, `mayOwnUnmarked`
    /// (an earlier add of this address never finished, per `PendingMailContactAdds`, or this attempt's response
    /// was lost) and its Name is the add's Name or a numbered variant of the same base: a New-MailContact whose
    /// follow-up never ran. A contact someone made with the same address, even with the same Name, is never taken.
    func interruptedAdd(
        _ add: MailContactAdd,
        mayOwnUnmarked: Bool
    ) async throws -> (identity: String, name: String)? {
        guard let found = try await exchange.mailContact(holding: add.email, job: job, target: target) else {
            return nil
        }
        switch found.ownership {
        case .managed(let sourceId) where sourceId == add.sourceId:
            return (found.identity, found.name)
        case .unmarked where mayOwnUnmarked && found.hasNameBase(of: add.name):
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

/// A recipient the job does not own (a mail contact someone made, a mailbox, a mail user) has the address.
struct MailContactsAddressInUse: Error, CustomStringConvertible {
    var email: String
    var description: String { "the address \(email) belongs to a recipient this job does not own" }
}
