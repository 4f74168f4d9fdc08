import M365Primitives

/// One directory object of the source tenant (a user or an org contact), in the shape the mappers need.
public struct SourcePerson: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case user
        case orgContact
    }

    public var kind: Kind
    /// The directory object id; the key of everything m365sync writes.
    public var id: String
    public var displayName: String?
    public var givenName: String?
    public var surname: String?
    /// `mail`, or for a user without it the first `otherMails` entry.
    public var email: String?
    public var mailNickname: String?
    public var userPrincipalName: String?
    /// `userType` as Graph returns it (`Member`, `Guest`), nil for org contacts.
    public var userType: String?
    public var accountEnabled: Bool?
    public var hasAssignedLicense: Bool
    /// `showInAddressList`; nil when Graph did not say (shown by default).
    public var showInAddressList: Bool?
    public var businessPhones: [String]
    public var mobilePhone: String?
    public var homePhones: [String]
    public var companyName: String?
    public var department: String?
    public var jobTitle: String?
    public var officeLocation: String?
    public var streetAddress: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    public var managerId: String?
    public var managerDisplayName: String?
    /// The Graph object as read, for property filters and name templates: kept as its canonical JSON text (a
    /// tenth of the memory of the parsed object; a run holds every person) and parsed when asked for. A text read
    /// through delta keeps its `manager@delta` annotation (it is then the mirror's own text, shared with it):
    /// `raw` shows it as the `manager` object (id and display name) the person names.
    public var raw: [String: JSONValue] {
        get {
            var object = JSONValue(canonicalText: rawText)?.objectValue ?? [:]
            if object.removeValue(forKey: "manager@delta") != nil {
                object["manager"] = managerId.map { id in
                    ["id": .string(id), "displayName": managerDisplayName.map(JSONValue.string) ?? .null]
                }
            }
            return object
        }
        set { rawText = JSONValue.object(newValue).canonicalText }
    }
    /// The text `raw` is parsed from.
    public private(set) var rawText: String

    public init(
        kind: Kind,
        id: String,
        displayName: String? = nil,
        givenName: String? = nil,
        surname: String? = nil,
        email: String? = nil,
        mailNickname: String? = nil,
        userPrincipalName: String? = nil,
        userType: String? = nil,
        accountEnabled: Bool? = nil,
        hasAssignedLicense: Bool = false,
        showInAddressList: Bool? = nil,
        businessPhones: [String] = [],
        mobilePhone: String? = nil,
        homePhones: [String] = [],
        companyName: String? = nil,
        department: String? = nil,
        jobTitle: String? = nil,
        officeLocation: String? = nil,
        streetAddress: String? = nil,
        city: String? = nil,
        state: String? = nil,
        postalCode: String? = nil,
        country: String? = nil,
        managerId: String? = nil,
        managerDisplayName: String? = nil,
        raw: [String: JSONValue] = [:],
        rawText: String? = nil
    ) {
        self.kind = kind
        self.id = id
        self.displayName = displayName
        self.givenName = givenName
        self.surname = surname
        self.email = email
        self.mailNickname = mailNickname
        self.userPrincipalName = userPrincipalName
        self.userType = userType
        self.accountEnabled = accountEnabled
        self.hasAssignedLicense = hasAssignedLicense
        self.showInAddressList = showInAddressList
        self.businessPhones = businessPhones
        self.mobilePhone = mobilePhone
        self.homePhones = homePhones
        self.companyName = companyName
        self.department = department
        self.jobTitle = jobTitle
        self.officeLocation = officeLocation
        self.streetAddress = streetAddress
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
        self.managerId = managerId
        self.managerDisplayName = managerDisplayName
        self.rawText = rawText ?? JSONValue.object(raw).canonicalText
    }

    /// Which `memberTypes` entry the person falls under: `userType` decides; without it a `#EXT#` UPN means guest.
    public var memberType: MemberType {
        switch kind {
        case .orgContact: return .contact
        case .user:
            if let userType = userType?.lowercased() { return userType == "guest" ? .guest : .member }
            return isExternalPrincipal ? .guest : .member
        }
    }

    /// A guest, or a user whose UPN carries `#EXT#` (a B2B account).
    public var isExternal: Bool {
        kind == .user && (userType?.lowercased() == "guest" || isExternalPrincipal)
    }

    private var isExternalPrincipal: Bool {
        userPrincipalName?.uppercased().contains("#EXT#") ?? false
    }

    /// The domain of `email`, lowercased.
    public var emailDomain: String? {
        guard let email, let at = email.lastIndex(of: "@") else { return nil }
        let domain = email[email.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }
}
