import M365Primitives

/// A mail contact read from the target tenant: Get-MailContact joined with its Get-Contact record.
public struct ExistingMailContact: Sendable, Equatable {
    public enum Ownership: Sendable, Equatable {
        /// Carries this job's marker for a source object.
        case managed(sourceId: String)
        /// `domain` ownership: no m365sync marker, address in the job's domains. Adopted or removed.
        case domain
        /// Carries another job's marker: never touched.
        case foreign
        /// Not the job's: never touched.
        case unmarked
    }

    /// `Guid`, else `Identity`, else `Name`: what `-Identity` is given.
    public var identity: String
    public var name: String
    public var alias: String
    public var displayName: String
    /// `ExternalEmailAddress` without `SMTP:`, else `PrimarySmtpAddress`.
    public var email: String
    public var ownership: Ownership
    /// Get-MailContact properties overlaid on Get-Contact properties.
    public var properties: [String: JSONValue]

    public init(
        mailContact: [String: JSONValue],
        contact: [String: JSONValue]?,
        job: String,
        markerAttribute: String,
        domains: Set<String>?
    ) {
        var merged = contact ?? [:]
        for (key, value) in mailContact { merged[key] = value }
        properties = merged
        let text = { (key: String) in MailContactField.text(merged[key]) }
        identity = text("Guid") ?? text("Identity") ?? text("Name") ?? ""
        name = text("Name") ?? ""
        alias = text("Alias") ?? ""
        displayName = text("DisplayName") ?? ""
        email = Self.smtpAddress(text("ExternalEmailAddress")) ?? Self.smtpAddress(text("PrimarySmtpAddress")) ?? ""
        if let marker = text(markerAttribute).flatMap(OwnershipMarker.init(parsing:)) {
            ownership = marker.belongs(to: job) ? .managed(sourceId: marker.sourceId) : .foreign
        } else if let domains, let at = email.lastIndex(of: "@"),
            domains.contains(email[email.index(after: at)...].lowercased())
        {
            ownership = .domain
        } else {
            ownership = .unmarked
        }
    }

    /// Joins Get-MailContact output with Get-Contact output by `Guid` (else `Identity`).
    ///
    /// `domains` is nil in `marker` ownership; in `domain` ownership, the lowercased managed domains.
    public static func join(
        mailContacts: [[String: JSONValue]],
        contacts: [[String: JSONValue]],
        job: String,
        markerAttribute: String,
        domains: Set<String>?
    ) -> [ExistingMailContact] {
        var byKey: [String: [String: JSONValue]] = [:]
        for contact in contacts {
            if let key = MailContactField.text(contact["Guid"]) ?? MailContactField.text(contact["Identity"]) {
                byKey[key.lowercased()] = contact
            }
        }
        return mailContacts.map { mailContact in
            let key = MailContactField.text(mailContact["Guid"]) ?? MailContactField.text(mailContact["Identity"])
            return ExistingMailContact(
                mailContact: mailContact,
                contact: key.flatMap { byKey[$0.lowercased()] },
                job: job,
                markerAttribute: markerAttribute,
                domains: domains
            )
        }.filter { !$0.identity.isEmpty }
    }

    /// `SMTP:a@b` or `a@b` → `a@b`; nil when empty.
    static func smtpAddress(_ text: String?) -> String? {
        guard let text = SyncText.normalize(text) else { return nil }
        if text.lowercased().hasPrefix("smtp:") { return SyncText.normalize(String(text.dropFirst(5))) }
        return text
    }

    public var managedSourceId: String? {
        if case .managed(let sourceId) = ownership { return sourceId }
        return nil
    }

    /// Whether the job may update or remove this contact.
    public var isOwned: Bool { ownership == .domain || managedSourceId != nil }
}
