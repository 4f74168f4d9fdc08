/// A directory user of a simulated tenant, with the properties Graph documents for `/users`.
public struct DirectoryUser: Sendable, Equatable {
    /// Lifecycle state: soft-deleted users show as `@removed: changed` in delta, hard-deleted as `deleted`.
    public enum State: Sendable, Equatable {
        case active, softDeleted, hardDeleted
    }

    public var id: String
    public var userPrincipalName: String
    public var displayName: String
    public var givenName: String?
    public var surname: String?
    public var mail: String?
    public var mailNickname: String?
    public var jobTitle: String?
    public var department: String?
    public var companyName: String?
    public var officeLocation: String?
    public var businessPhones: [String]
    public var mobilePhone: String?
    public var streetAddress: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    public var preferredLanguage: String?
    public var employeeId: String?
    public var accountEnabled: Bool
    /// `Member` or `Guest`.
    public var userType: String
    /// `nil` (Graph's default for most users), `true` or `false` (hidden from the address list).
    public var showInAddressList: Bool?
    public var otherMails: [String]
    /// SKU ids of the assigned licenses.
    public var assignedLicenses: [String]
    /// `extensionAttribute1`…`extensionAttribute15` that are set.
    public var extensionAttributes: [String: String]
    public var managerId: String?
    /// Whether the user has an Exchange Online mailbox (Graph's Outlook endpoints answer 404 otherwise).
    public var hasMailbox: Bool
    public var lifecycle: State
    /// The profile photo (`/users/{id}/photo`); nil answers 404 `ImageNotFound`. Not a delta change.
    public var photo: SimPhoto?

    /// Sequence number fixing the listing order; assigned by the tenant.
    var seq: Int = 0
    /// Tenant change counter value of the last change; drives delta.
    var changeSeq: Int = 0

    public init(
        id: String,
        userPrincipalName: String,
        displayName: String,
        givenName: String? = nil,
        surname: String? = nil,
        mail: String? = nil,
        mailNickname: String? = nil,
        jobTitle: String? = nil,
        department: String? = nil,
        companyName: String? = nil,
        officeLocation: String? = nil,
        businessPhones: [String] = [],
        mobilePhone: String? = nil,
        streetAddress: String? = nil,
        city: String? = nil,
        state: String? = nil,
        postalCode: String? = nil,
        country: String? = nil,
        preferredLanguage: String? = nil,
        employeeId: String? = nil,
        accountEnabled: Bool = true,
        userType: String = "Member",
        showInAddressList: Bool? = nil,
        otherMails: [String] = [],
        assignedLicenses: [String] = [],
        extensionAttributes: [String: String] = [:],
        managerId: String? = nil,
        hasMailbox: Bool = false,
        lifecycle: State = .active
    ) {
        self.id = id
        self.userPrincipalName = userPrincipalName
        self.displayName = displayName
        self.givenName = givenName
        self.surname = surname
        self.mail = mail
        self.mailNickname = mailNickname
        self.jobTitle = jobTitle
        self.department = department
        self.companyName = companyName
        self.officeLocation = officeLocation
        self.businessPhones = businessPhones
        self.mobilePhone = mobilePhone
        self.streetAddress = streetAddress
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
        self.preferredLanguage = preferredLanguage
        self.employeeId = employeeId
        self.accountEnabled = accountEnabled
        self.userType = userType
        self.showInAddressList = showInAddressList
        self.otherMails = otherMails
        self.assignedLicenses = assignedLicenses
        self.extensionAttributes = extensionAttributes
        self.managerId = managerId
        self.hasMailbox = hasMailbox
        self.lifecycle = lifecycle
    }

    public static func == (lhs: DirectoryUser, rhs: DirectoryUser) -> Bool {
        lhs.id == rhs.id && lhs.userPrincipalName == rhs.userPrincipalName && lhs.displayName == rhs.displayName
            && lhs.givenName == rhs.givenName && lhs.surname == rhs.surname && lhs.mail == rhs.mail
            && lhs.jobTitle == rhs.jobTitle && lhs.department == rhs.department
            && lhs.businessPhones == rhs.businessPhones && lhs.mobilePhone == rhs.mobilePhone
            && lhs.city == rhs.city && lhs.accountEnabled == rhs.accountEnabled && lhs.userType == rhs.userType
            && lhs.showInAddressList == rhs.showInAddressList && lhs.assignedLicenses == rhs.assignedLicenses
            && lhs.extensionAttributes == rhs.extensionAttributes && lhs.managerId == rhs.managerId
            && lhs.hasMailbox == rhs.hasMailbox && lhs.lifecycle == rhs.lifecycle
            && lhs.streetAddress == rhs.streetAddress && lhs.postalCode == rhs.postalCode
            && lhs.country == rhs.country && lhs.otherMails == rhs.otherMails && lhs.photo == rhs.photo
    }
}
