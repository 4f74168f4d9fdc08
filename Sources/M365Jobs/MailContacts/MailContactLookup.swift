import M365Client
import M365Core
import M365Primitives

extension ExchangeClient {
    /// The mail contact holding `email`, as `job` sees its ownership; nil when no mail contact has the address.
    func mailContact(
        holding email: String,
        job: String,
        target: MailContactsTarget
    ) async throws
        -> ExistingMailContact?
    {
        let rows: [[String: JSONValue]]
        do {
            rows = try await invoke(cmdlet: "Get-MailContact", parameters: ["Identity": .string(email)])
        } catch let error as M365Error where error.kind == .notFound {
            return nil
        }
        return rows.first.map {
            ExistingMailContact(
                mailContact: $0,
                contact: nil,
                job: job,
                markerAttribute: target.markerAttribute,
                domains: nil
            )
        }
    }
}

extension ExistingMailContact {
    /// Whether the Name is `name` or a numbered variant of the same base (`Name`, `Name-N`), case-insensitively:
    /// what the job derives for one person.
    func hasNameBase(of name: String) -> Bool {
        MailContactsApplier.nameBase(self.name).lowercased() == MailContactsApplier.nameBase(name).lowercased()
    }
}
