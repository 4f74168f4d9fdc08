/// A `personalContacts` job: directory users and org contacts into chosen mailboxes.
public struct PersonalContactsJobSpec: Sendable, Equatable {
    public var source: SourceSelection
    public var target: PersonalContactsTarget
    public var safety: SafetyLimits

    /// Per mailbox: at most 500 removals and at most 10% of the mailbox's managed contacts.
    public static let defaultSafety = SafetyLimits(maxRemove: 500, maxRemovePercent: 10)

    public init(source: SourceSelection, target: PersonalContactsTarget, safety: SafetyLimits = defaultSafety) {
        self.source = source
        self.target = target
        self.safety = safety
    }
}

public struct PersonalContactsTarget: Sendable, Equatable {
    /// Contact fields a job can write, the names `fields.include`/`fields.exclude` accept.
    public static let knownFields = [
        "displayName", "givenName", "surname", "nickName", "emailAddresses", "businessPhones", "mobilePhone",
        "homePhones", "companyName", "department", "jobTitle", "officeLocation", "manager", "businessAddress",
    ]

    /// Tenant of the mailboxes; default the source tenant.
    public var tenant: String
    /// UPNs or object ids.
    public var mailboxes: [String]
    /// Group ids whose transitive user members are target mailboxes.
    public var mailboxGroups: [String]
    /// Every enabled, licensed member user is a target mailbox.
    public var allLicensedUsers: Bool
    /// UPNs or ids left out of the targets.
    public var excludeMailboxes: [String]
    /// Folder under Contacts; `A/B` nests; nil means the default Contacts folder.
    public var folder: String?
    /// Use a same-named folder that m365sync did not create.
    public var adoptFolder: Bool
    public var fields: FieldSelection
    /// nil: leave categories untouched; []: clear them.
    public var categories: [String]?
    /// Adopt contacts written by O365Synchronizer instead of duplicating them.
    public var adoptO365Synchronizer: O365SynchronizerAdoption?
    public var skipAdd: Bool
    public var skipUpdate: Bool
    public var skipRemove: Bool
    /// Mailboxes processed in parallel. Default 4.
    public var maxConcurrentMailboxes: Int
    /// Copy users' photos onto their contacts. Default false.
    public var photos: Bool
    /// How long a source photo's metadata is trusted before it is checked again. Default 24 h.
    public var photoRefreshInterval: Duration

    /// 24 hours: no delta query reports photo changes, so they are polled.
    public static let defaultPhotoRefreshInterval = Duration.seconds(86_400)

    public init(
        tenant: String,
        mailboxes: [String] = [],
        mailboxGroups: [String] = [],
        allLicensedUsers: Bool = false,
        excludeMailboxes: [String] = [],
        folder: String? = nil,
        adoptFolder: Bool = false,
        fields: FieldSelection = FieldSelection(),
        categories: [String]? = nil,
        adoptO365Synchronizer: O365SynchronizerAdoption? = nil,
        skipAdd: Bool = false,
        skipUpdate: Bool = false,
        skipRemove: Bool = false,
        maxConcurrentMailboxes: Int = 4,
        photos: Bool = false,
        photoRefreshInterval: Duration = defaultPhotoRefreshInterval
    ) {
        self.tenant = tenant
        self.mailboxes = mailboxes
        self.mailboxGroups = mailboxGroups
        self.allLicensedUsers = allLicensedUsers
        self.excludeMailboxes = excludeMailboxes
        self.folder = folder
        self.adoptFolder = adoptFolder
        self.fields = fields
        self.categories = categories
        self.adoptO365Synchronizer = adoptO365Synchronizer
        self.skipAdd = skipAdd
        self.skipUpdate = skipUpdate
        self.skipRemove = skipRemove
        self.maxConcurrentMailboxes = maxConcurrentMailboxes
        self.photos = photos
        self.photoRefreshInterval = photoRefreshInterval
    }
}

public struct O365SynchronizerAdoption: Sendable, Equatable {
    /// The module's `GuidPrefix`; its contacts have `fileAs` = prefix + source object id.
    public var guidPrefix: String

    public init(guidPrefix: String = "O365Synchronizer") {
        self.guidPrefix = guidPrefix
    }
}
