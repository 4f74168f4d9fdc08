import M365Primitives

/// A contact read from a target folder, classified by its ownership marker.
public struct ExistingContact: Sendable, Equatable {
    public enum Ownership: Sendable, Equatable {
        /// Carries this job's marker for a source object.
        case managed(sourceId: String)
        /// Carries another job's marker (or an unreadable one): never touched.
        case foreign
        /// No marker: a contact a person made, or one left by another tool. Never changed or deleted.
        case unmarked
    }

    public var id: String
    public var ownership: Ownership
    public var fileAs: String?
    /// `createdDateTime` as Graph returns it (ISO 8601 sorts as text), for choosing among duplicates.
    public var createdDateTime: String?
    public var raw: [String: JSONValue]

    /// Classifies a contact read with `PersonalContactMarker.expandQuery`; nil without an `id`.
    public init?(graph contact: [String: JSONValue], job: String) {
        guard let id = contact["id"]?.stringValue, !id.isEmpty else { return nil }
        self.id = id
        if let value = PersonalContactMarker.rawValue(in: contact) {
            if let marker = OwnershipMarker(parsing: value), marker.belongs(to: job) {
                ownership = .managed(sourceId: marker.sourceId)
            } else {
                ownership = .foreign
            }
        } else {
            ownership = .unmarked
        }
        fileAs = contact["fileAs"]?.stringValue
        createdDateTime = contact["createdDateTime"]?.stringValue
        raw = contact
    }

    public var managedSourceId: String? {
        if case .managed(let sourceId) = ownership { return sourceId }
        return nil
    }

    public var displayName: String { ContactValue.read(.displayName, from: raw).display }

    public var email: String {
        if case .emails(let emails) = ContactValue.read(.emailAddresses, from: raw) {
            return emails.first?.address ?? ""
        }
        return ""
    }
}
