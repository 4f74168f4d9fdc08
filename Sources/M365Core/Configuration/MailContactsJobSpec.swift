/// A `mailContacts` job: users of one tenant as Exchange mail contacts in another.
public struct MailContactsJobSpec: Sendable, Equatable {
    public var source: SourceSelection
    public var target: MailContactsTarget
    public var safety: SafetyLimits

    /// Per target tenant: at most 100 removals and at most 10% of the managed mail contacts.
    public static let defaultSafety = SafetyLimits(maxRemove: 100, maxRemovePercent: 10)

    public init(source: SourceSelection, target: MailContactsTarget, safety: SafetyLimits = defaultSafety) {
        self.source = source
        self.target = target
        self.safety = safety
    }
}

public struct MailContactsTarget: Sendable, Equatable {
    /// Mail contact fields a job can write, the names `fields.include`/`fields.exclude` accept.
    public static let knownFields = [
        "displayName", "firstName", "lastName", "title", "company", "department", "office", "phone", "mobilePhone",
        "streetAddress", "city", "stateOrProvince", "postalCode", "countryOrRegion", "manager",
        "hiddenFromAddressLists",
    ]

    /// Exchange attributes that can hold the ownership marker: `CustomAttribute1` … `CustomAttribute15`.
    public static let markerAttributes = (1...15).map { "CustomAttribute\($0)" }

    public enum Ownership: String, Sendable, Equatable, CaseIterable {
        /// Only contacts carrying the job's marker are managed (default).
        case marker
        /// Every mail contact whose address is in `domains` is managed (the anchor's behaviour).
        case domain
    }

    public var tenant: String
    /// nil: the domains of the selected users' addresses.
    public var domains: [String]?
    public var ownership: Ownership
    /// `CustomAttribute1` … `CustomAttribute15`. Default `CustomAttribute15`.
    public var markerAttribute: String
    /// Template of the Exchange `Name`; placeholders are source property names. Default `{displayName}`.
    public var nameFormat: String
    public var displayNameSuffix: String
    public var ensureUniqueDisplayName: Bool
    public var hiddenFromAddressLists: Bool
    public var skipAdd: Bool
    public var skipUpdate: Bool
    public var skipRemove: Bool
    public var fields: FieldSelection

    public init(
        tenant: String,
        domains: [String]? = nil,
        ownership: Ownership = .marker,
        markerAttribute: String = "CustomAttribute15",
        nameFormat: String = "{displayName}",
        displayNameSuffix: String = "",
        ensureUniqueDisplayName: Bool = false,
        hiddenFromAddressLists: Bool = false,
        skipAdd: Bool = false,
        skipUpdate: Bool = false,
        skipRemove: Bool = false,
        fields: FieldSelection = FieldSelection()
    ) {
        self.tenant = tenant
        self.domains = domains
        self.ownership = ownership
        self.markerAttribute = markerAttribute
        self.nameFormat = nameFormat
        self.displayNameSuffix = displayNameSuffix
        self.ensureUniqueDisplayName = ensureUniqueDisplayName
        self.hiddenFromAddressLists = hiddenFromAddressLists
        self.skipAdd = skipAdd
        self.skipUpdate = skipUpdate
        self.skipRemove = skipRemove
        self.fields = fields
    }
}
