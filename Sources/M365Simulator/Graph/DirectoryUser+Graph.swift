import M365Primitives

/// A directory object Graph lists and tracks in delta: a user or an org contact.
protocol DirectoryObject {
    var id: String { get }
    var seq: Int { get }
    var changeSeq: Int { get }
    /// The `@removed` reason delta gives (`changed` for a soft-deleted user), nil while the object is active.
    var removal: String? { get }
    /// The manager's id, which delta gives as `manager@delta` when `manager` is selected.
    var managerId: String? { get }
    /// Properties returned without `$select`, in Graph's order.
    static var defaultProperties: [String] { get }
    func graphValue(_ property: String) -> JSONValue
}

extension DirectoryUser: DirectoryObject {
    var removal: String? { lifecycle == .active ? nil : (lifecycle == .softDeleted ? "changed" : "deleted") }

    /// Properties `/users` returns without `$select`, in Graph's order.
    static let defaultProperties = [
        "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation",
        "preferredLanguage", "surname", "userPrincipalName", "id",
    ]

    /// Optional string properties, by Graph name (read by Graph, written by the control API).
    static let optionalStrings: [String: any WritableKeyPath<DirectoryUser, String?> & Sendable] = [
        "givenName": \.givenName, "jobTitle": \.jobTitle, "mail": \.mail, "mobilePhone": \.mobilePhone,
        "officeLocation": \.officeLocation, "preferredLanguage": \.preferredLanguage, "surname": \.surname,
        "mailNickname": \.mailNickname, "companyName": \.companyName, "department": \.department,
        "streetAddress": \.streetAddress, "city": \.city, "state": \.state, "postalCode": \.postalCode,
        "country": \.country, "employeeId": \.employeeId,
    ]

    /// Every property the simulator knows for users (`$select` rejects others).
    static let knownProperties = Set(optionalStrings.keys).union([
        "id", "businessPhones", "displayName", "userPrincipalName", "accountEnabled", "assignedLicenses", "userType",
        "otherMails", "showInAddressList", "onPremisesExtensionAttributes", "deletedDateTime", "proxyAddresses",
        "manager",
    ])

    /// The JSON value of one property.
    func graphValue(_ property: String) -> JSONValue {
        if let field = Self.optionalStrings[property] { return .optional(self[keyPath: field]) }
        switch property {
        case "id": return .string(id)
        case "businessPhones": return .strings(businessPhones)
        case "displayName": return .string(displayName)
        case "userPrincipalName": return .string(userPrincipalName)
        case "accountEnabled": return .bool(accountEnabled)
        case "assignedLicenses":
            return .array(assignedLicenses.map { .object(["disabledPlans": [], "skuId": .string($0)]) })
        case "userType": return .string(userType)
        case "otherMails": return .strings(otherMails)
        case "showInAddressList": return showInAddressList.map { .bool($0) } ?? .null
        case "proxyAddresses": return .strings(mail.map { ["SMTP:\($0)"] } ?? [])
        case "onPremisesExtensionAttributes":
            let names = (1...15).map { "extensionAttribute\($0)" }
            return .object(Dictionary(uniqueKeysWithValues: names.map { ($0, .optional(extensionAttributes[$0])) }))
        default: return .null
        }
    }

    /// Resolves a `$filter` property path.
    func filterOperand(_ path: String) -> FilterOperand {
        let lowered = path.lowercased()
        if lowered.hasPrefix("onpremisesextensionattributes/") {
            let key = String(path.dropFirst("onPremisesExtensionAttributes/".count))
            let match = extensionAttributes.first { $0.key.lowercased() == key.lowercased() }
            return .scalar(match.map { .string($0.value) } ?? .null)
        }
        switch lowered {
        case "assignedlicenses":
            return .collection(assignedLicenses.map { ["skuId": .string($0), "skuid": .string($0)] })
        case "othermails": return .collection(otherMails.map { ["": .string($0)] })
        case "businessphones": return .collection(businessPhones.map { ["": .string($0)] })
        case "proxyaddresses": return .collection((mail.map { ["SMTP:\($0)"] } ?? []).map { ["": .string($0)] })
        case "accountenabled": return .scalar(.bool(accountEnabled))
        case "showinaddresslist": return .scalar(showInAddressList.map { .bool($0) } ?? .null)
        default:
            guard let name = Self.knownProperties.first(where: { $0.lowercased() == lowered }) else { return .unknown }
            switch graphValue(name) {
            case .string(let value): return .scalar(.string(value))
            case .bool(let value): return .scalar(.bool(value))
            default: return .scalar(.null)
            }
        }
    }
}

extension OrgContact: DirectoryObject {
    var removal: String? { deleted ? "deleted" : nil }

    static let defaultProperties = [
        "id", "deletedDateTime", "companyName", "department", "displayName", "givenName", "jobTitle", "mail",
        "mailNickname", "onPremisesSyncEnabled", "onPremisesLastSyncDateTime", "proxyAddresses", "surname",
        "addresses", "phones",
    ]

    static let knownProperties: Set<String> = Set(defaultProperties + ["manager"])

    /// Optional string properties, by Graph name (read by Graph, written by the control API).
    static let optionalStrings: [String: any WritableKeyPath<OrgContact, String?> & Sendable] = [
        "companyName": \.companyName, "department": \.department, "givenName": \.givenName, "jobTitle": \.jobTitle,
        "mail": \.mail, "mailNickname": \.mailNickname, "surname": \.surname,
    ]

    func graphValue(_ property: String) -> JSONValue {
        if let field = Self.optionalStrings[property] { return .optional(self[keyPath: field]) }
        switch property {
        case "id": return .string(id)
        case "displayName": return .string(displayName)
        case "proxyAddresses": return .strings(proxyAddresses)
        case "addresses":
            return .array(
                addresses.map { address in
                    [
                        "city": .optional(address.city), "countryOrRegion": .optional(address.countryOrRegion),
                        "officeLocation": .optional(address.officeLocation),
                        "postalCode": .optional(address.postalCode),
                        "state": .optional(address.state), "street": .optional(address.street),
                    ]
                }
            )
        case "phones": return .array(phones.map { ["number": .string($0.number), "type": .string($0.type)] })
        default: return .null
        }
    }

    func filterOperand(_ path: String) -> FilterOperand {
        let lowered = path.lowercased()
        if lowered == "proxyaddresses" { return .collection(proxyAddresses.map { ["": .string($0)] }) }
        guard let name = Self.knownProperties.first(where: { $0.lowercased() == lowered }) else { return .unknown }
        if case .string(let value) = graphValue(name) { return .scalar(.string(value)) }
        return .scalar(.null)
    }
}
