import M365Primitives

extension DirectoryUser {
    /// Properties `/users` returns without `$select`, in Graph's order.
    static let defaultProperties = [
        "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation",
        "preferredLanguage", "surname", "userPrincipalName", "id",
    ]

    /// Every property the simulator knows for users (`$select` rejects others).
    static let knownProperties: Set<String> = Set(
        defaultProperties
            + [
                "accountEnabled", "assignedLicenses", "userType", "otherMails", "mailNickname", "companyName",
                "department",
                "streetAddress", "city", "state", "postalCode", "country", "showInAddressList",
                "onPremisesExtensionAttributes", "employeeId", "deletedDateTime", "proxyAddresses", "manager",
            ].map { $0 }
    )

    /// The JSON value of one property.
    func graphValue(_ property: String) -> JSONValue {
        switch property {
        case "id": return .string(id)
        case "businessPhones": return .strings(businessPhones)
        case "displayName": return .string(displayName)
        case "givenName": return .optional(givenName)
        case "jobTitle": return .optional(jobTitle)
        case "mail": return .optional(mail)
        case "mobilePhone": return .optional(mobilePhone)
        case "officeLocation": return .optional(officeLocation)
        case "preferredLanguage": return .optional(preferredLanguage)
        case "surname": return .optional(surname)
        case "userPrincipalName": return .string(userPrincipalName)
        case "accountEnabled": return .bool(accountEnabled)
        case "assignedLicenses":
            return .array(assignedLicenses.map { .object(["disabledPlans": [], "skuId": .string($0)]) })
        case "userType": return .string(userType)
        case "otherMails": return .strings(otherMails)
        case "mailNickname": return .optional(mailNickname)
        case "companyName": return .optional(companyName)
        case "department": return .optional(department)
        case "streetAddress": return .optional(streetAddress)
        case "city": return .optional(city)
        case "state": return .optional(state)
        case "postalCode": return .optional(postalCode)
        case "country": return .optional(country)
        case "showInAddressList": return showInAddressList.map { .bool($0) } ?? .null
        case "employeeId": return .optional(employeeId)
        case "deletedDateTime": return .null
        case "proxyAddresses": return .strings(mail.map { ["SMTP:\($0)"] } ?? [])
        case "onPremisesExtensionAttributes":
            var object: [String: JSONValue] = [:]
            for index in 1...15 {
                let key = "extensionAttribute\(index)"
                object[key] = .optional(extensionAttributes[key])
            }
            return .object(object)
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

extension OrgContact {
    static let defaultProperties = [
        "id", "deletedDateTime", "companyName", "department", "displayName", "givenName", "jobTitle", "mail",
        "mailNickname", "onPremisesSyncEnabled", "onPremisesLastSyncDateTime", "proxyAddresses", "surname",
        "addresses", "phones",
    ]

    static let knownProperties: Set<String> = Set(defaultProperties + ["manager"])

    func graphValue(_ property: String) -> JSONValue {
        switch property {
        case "id": return .string(id)
        case "deletedDateTime", "onPremisesSyncEnabled", "onPremisesLastSyncDateTime": return .null
        case "companyName": return .optional(companyName)
        case "department": return .optional(department)
        case "displayName": return .string(displayName)
        case "givenName": return .optional(givenName)
        case "jobTitle": return .optional(jobTitle)
        case "mail": return .optional(mail)
        case "mailNickname": return .optional(mailNickname)
        case "proxyAddresses": return .strings(proxyAddresses)
        case "surname": return .optional(surname)
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
