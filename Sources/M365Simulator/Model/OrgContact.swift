/// An organizational contact (`/contacts` in Graph): read-only there, created through Exchange.
public struct OrgContact: Sendable, Equatable {
    /// A typed phone number (`business`, `mobile`, `businessFax`, …).
    public struct Phone: Sendable, Equatable {
        public var number: String
        public var type: String
        public init(number: String, type: String) {
            self.number = number
            self.type = type
        }
    }

    /// A physical office address.
    public struct Address: Sendable, Equatable {
        public var street: String?
        public var city: String?
        public var state: String?
        public var postalCode: String?
        public var countryOrRegion: String?
        public var officeLocation: String?
        public init(
            street: String? = nil,
            city: String? = nil,
            state: String? = nil,
            postalCode: String? = nil,
            countryOrRegion: String? = nil,
            officeLocation: String? = nil
        ) {
            self.street = street
            self.city = city
            self.state = state
            self.postalCode = postalCode
            self.countryOrRegion = countryOrRegion
            self.officeLocation = officeLocation
        }
    }

    public var id: String
    public var displayName: String
    public var givenName: String?
    public var surname: String?
    public var mail: String?
    public var mailNickname: String?
    public var companyName: String?
    public var department: String?
    public var jobTitle: String?
    public var addresses: [Address]
    public var phones: [Phone]
    public var proxyAddresses: [String]
    /// A user's or org contact's id; Graph returns it with `$expand=manager`.
    public var managerId: String?
    public var deleted: Bool

    var seq: Int = 0
    var changeSeq: Int = 0

    public init(
        id: String,
        displayName: String,
        givenName: String? = nil,
        surname: String? = nil,
        mail: String? = nil,
        mailNickname: String? = nil,
        companyName: String? = nil,
        department: String? = nil,
        jobTitle: String? = nil,
        addresses: [Address] = [],
        phones: [Phone] = [],
        proxyAddresses: [String] = [],
        managerId: String? = nil,
        deleted: Bool = false
    ) {
        self.id = id
        self.displayName = displayName
        self.givenName = givenName
        self.surname = surname
        self.mail = mail
        self.mailNickname = mailNickname
        self.companyName = companyName
        self.department = department
        self.jobTitle = jobTitle
        self.addresses = addresses
        self.phones = phones
        self.proxyAddresses = proxyAddresses
        self.managerId = managerId
        self.deleted = deleted
    }

    public static func == (lhs: OrgContact, rhs: OrgContact) -> Bool {
        lhs.id == rhs.id && lhs.displayName == rhs.displayName && lhs.givenName == rhs.givenName
            && lhs.surname == rhs.surname && lhs.mail == rhs.mail && lhs.mailNickname == rhs.mailNickname
            && lhs.companyName == rhs.companyName && lhs.department == rhs.department
            && lhs.jobTitle == rhs.jobTitle && lhs.addresses == rhs.addresses && lhs.phones == rhs.phones
            && lhs.proxyAddresses == rhs.proxyAddresses && lhs.managerId == rhs.managerId
            && lhs.deleted == rhs.deleted
    }
}

/// A security or Microsoft 365 group; members are user, org contact or group ids.
public struct DirectoryGroup: Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var mailNickname: String
    public var memberIds: [String]

    public init(id: String, displayName: String, mailNickname: String, memberIds: [String] = []) {
        self.id = id
        self.displayName = displayName
        self.mailNickname = mailNickname
        self.memberIds = memberIds
    }
}
