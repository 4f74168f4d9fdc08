import M365Primitives

extension SourcePerson {
    /// `$select` for `/users` (and `/users/delta`); everything the mappers and selector read.
    public static let userSelect: [String] = [
        "id", "displayName", "givenName", "surname", "mail", "otherMails", "mailNickname", "userPrincipalName",
        "userType", "accountEnabled", "assignedLicenses", "showInAddressList", "businessPhones", "mobilePhone",
        "companyName", "department", "jobTitle", "officeLocation", "streetAddress", "city", "state", "postalCode",
        "country", "onPremisesExtensionAttributes",
    ]

    /// `$select` for `/users/delta`: delta takes no `$expand`; the manager comes as `manager@delta` (its id).
    public static let userDeltaSelect = userSelect + ["manager"]

    /// `$expand` for `/users`: the manager's id and display name.
    public static let userExpand = "manager($select=id,displayName)"

    /// `$select` for `/contacts` (org contacts).
    public static let orgContactSelect: [String] = [
        "id", "displayName", "givenName", "surname", "mail", "mailNickname", "proxyAddresses", "addresses",
        "phones", "companyName", "department", "jobTitle",
    ]

    /// `$select` for `/contacts/delta`, the manager as `manager@delta` (like users delta).
    public static let orgContactDeltaSelect = orgContactSelect + ["manager"]

    /// `$expand` for `/contacts`: the manager's id and display name.
    public static let orgContactExpand = "manager($select=id,displayName)"

    /// A person from a Graph user object; nil without an `id`. `rawText`: the text the object was parsed from,
    /// kept instead of encoding the object again (see ``raw``).
    public init?(user object: [String: JSONValue], rawText: String? = nil) {
        guard let id = SyncText.normalize(object["id"]) else { return nil }
        let mail = SyncText.normalize(object["mail"]) ?? SyncText.normalizedList(object["otherMails"]).first
        let licenses = object["assignedLicenses"]?.arrayValue ?? []
        let manager = object["manager"]?.objectValue
        self.init(
            kind: .user,
            id: id,
            displayName: SyncText.normalize(object["displayName"]),
            givenName: SyncText.normalize(object["givenName"]),
            surname: SyncText.normalize(object["surname"]),
            email: mail,
            mailNickname: SyncText.normalize(object["mailNickname"]),
            userPrincipalName: SyncText.normalize(object["userPrincipalName"]),
            userType: SyncText.normalize(object["userType"]),
            accountEnabled: object["accountEnabled"]?.boolValue,
            hasAssignedLicense: !licenses.isEmpty,
            showInAddressList: object["showInAddressList"]?.boolValue,
            businessPhones: SyncText.normalizedList(object["businessPhones"]),
            mobilePhone: SyncText.normalize(object["mobilePhone"]),
            companyName: SyncText.normalize(object["companyName"]),
            department: SyncText.normalize(object["department"]),
            jobTitle: SyncText.normalize(object["jobTitle"]),
            officeLocation: SyncText.normalize(object["officeLocation"]),
            streetAddress: SyncText.normalize(object["streetAddress"]),
            city: SyncText.normalize(object["city"]),
            state: SyncText.normalize(object["state"]),
            postalCode: SyncText.normalize(object["postalCode"]),
            country: SyncText.normalize(object["country"]),
            managerId: SyncText.normalize(manager?["id"]),
            managerDisplayName: SyncText.normalize(manager?["displayName"]),
            raw: rawText == nil ? object : [:],
            rawText: rawText
        )
    }

    /// A person from a Graph orgContact object: typed phones, the first address; nil without an `id`.
    /// `rawText` as for users.
    public init?(orgContact object: [String: JSONValue], rawText: String? = nil) {
        guard let id = SyncText.normalize(object["id"]) else { return nil }
        let phones = (object["phones"]?.arrayValue ?? []).compactMap(\.objectValue)
        func numbers(_ type: String) -> [String] {
            phones.filter { $0["type"]?.stringValue?.lowercased() == type }.compactMap {
                SyncText.normalize($0["number"])
            }
        }
        let address = (object["addresses"]?.arrayValue ?? []).first?.objectValue ?? [:]
        let manager = object["manager"]?.objectValue
        self.init(
            kind: .orgContact,
            id: id,
            displayName: SyncText.normalize(object["displayName"]),
            givenName: SyncText.normalize(object["givenName"]),
            surname: SyncText.normalize(object["surname"]),
            email: SyncText.normalize(object["mail"]) ?? Self.primarySmtp(object["proxyAddresses"]),
            mailNickname: SyncText.normalize(object["mailNickname"]),
            businessPhones: numbers("business"),
            mobilePhone: numbers("mobile").first,
            homePhones: numbers("home"),
            companyName: SyncText.normalize(object["companyName"]),
            department: SyncText.normalize(object["department"]),
            jobTitle: SyncText.normalize(object["jobTitle"]),
            officeLocation: SyncText.normalize(address["officeLocation"]),
            streetAddress: SyncText.normalize(address["street"]),
            city: SyncText.normalize(address["city"]),
            state: SyncText.normalize(address["state"]),
            postalCode: SyncText.normalize(address["postalCode"]),
            country: SyncText.normalize(address["countryOrRegion"]),
            managerId: SyncText.normalize(manager?["id"]),
            managerDisplayName: SyncText.normalize(manager?["displayName"]),
            raw: rawText == nil ? object : [:],
            rawText: rawText
        )
    }

    /// The address of the `SMTP:` (primary) entry of a `proxyAddresses` list.
    private static func primarySmtp(_ value: JSONValue?) -> String? {
        for entry in SyncText.normalizedList(value) where entry.hasPrefix("SMTP:") {
            return SyncText.normalize(String(entry.dropFirst(5)))
        }
        return nil
    }
}
