/// A Graph contact property that personal contacts jobs write; the raw values are the `fields` names.
public enum ContactField: String, Sendable, Hashable, CaseIterable, Comparable {
    case displayName, givenName, surname, nickName, emailAddresses, businessPhones, mobilePhone, homePhones
    case companyName, department, jobTitle, officeLocation, manager, businessAddress
    /// Governed by the target's `categories`, not by `fields`.
    case categories

    /// The names `fields.include`/`fields.exclude` accept.
    public static let selectableNames: [String] = allCases.filter { $0 != .categories }.map(\.rawValue)

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The `$select` of a contact listing: every mapped field plus what ownership and the mirror need.
    public static let contactSelect: [String] =
        ["id", "fileAs", "createdDateTime", "parentFolderId"] + allCases.map(\.rawValue)
}

/// One email address of a contact.
public struct ContactEmail: Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}

/// A postal address of a contact (`businessAddress`).
public struct ContactAddress: Sendable, Hashable {
    public var street: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var countryOrRegion: String?

    public init(
        street: String? = nil,
        city: String? = nil,
        state: String? = nil,
        postalCode: String? = nil,
        countryOrRegion: String? = nil
    ) {
        self.street = street
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.countryOrRegion = countryOrRegion
    }

    static let keys = ["street", "city", "state", "postalCode", "countryOrRegion"]

    var components: [String?] { [street, city, state, postalCode, countryOrRegion] }

    /// Normalised components; all-empty means no address.
    var normalized: [String?] { components.map(SyncText.normalize) }

    public var isEmpty: Bool { normalized.allSatisfy { $0 == nil } }
}
