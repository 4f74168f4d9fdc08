import M365Primitives

extension DirectoryUser {
    static let allProperties = [
        "id", "userPrincipalName", "displayName", "givenName", "surname", "mail", "mailNickname", "jobTitle",
        "department",
        "companyName", "officeLocation", "businessPhones", "mobilePhone", "streetAddress", "city", "state",
        "postalCode",
        "country", "preferredLanguage", "employeeId", "accountEnabled", "userType", "showInAddressList", "otherMails",
        "assignedLicenses", "onPremisesExtensionAttributes",
    ]

    /// The control API's JSON for a user: every Graph property plus `managerId`, `hasMailbox`, `lifecycle`.
    var controlJSON: JSONValue {
        var object: [String: JSONValue] = [:]
        for name in Self.allProperties { object[name] = graphValue(name) }
        object["managerId"] = .optional(managerId)
        object["hasMailbox"] = .bool(hasMailbox)
        object["lifecycle"] = .string("\(lifecycle)")
        return .object(object)
    }

    /// Applies control API JSON (any subset of `controlJSON`'s members).
    mutating func apply(control json: [String: JSONValue]) throws {
        for (name, value) in json.sorted(by: { $0.key < $1.key }) {
            if let field = Self.optionalStrings[name] {
                self[keyPath: field] = value.stringValue
                continue
            }
            switch name {
            case "id": id = value.stringValue ?? id
            case "userPrincipalName": userPrincipalName = value.stringValue ?? userPrincipalName
            case "displayName": displayName = value.stringValue ?? displayName
            case "businessPhones": businessPhones = value.arrayValue?.compactMap(\.stringValue) ?? []
            case "accountEnabled": accountEnabled = value.boolValue ?? accountEnabled
            case "userType": userType = value.stringValue ?? userType
            case "showInAddressList": showInAddressList = value.boolValue
            case "otherMails": otherMails = value.arrayValue?.compactMap(\.stringValue) ?? []
            case "assignedLicenses":
                assignedLicenses = value.arrayValue?.compactMap { $0["skuId"]?.stringValue ?? $0.stringValue } ?? []
            case "onPremisesExtensionAttributes":
                for (key, item) in value.objectValue ?? [:] { extensionAttributes[key] = item.stringValue }
            case "managerId": managerId = value.stringValue
            case "hasMailbox": hasMailbox = value.boolValue ?? hasMailbox
            case "lifecycle":
                switch value.stringValue {
                case "active": lifecycle = .active
                case "softDeleted": lifecycle = .softDeleted
                case "hardDeleted": lifecycle = .hardDeleted
                default: throw SimulatorError.invalidArgument("lifecycle must be active, softDeleted or hardDeleted")
                }
            default: throw SimulatorError.invalidArgument("unknown user property '\(name)'")
            }
        }
    }
}

extension OrgContact {
    var controlJSON: JSONValue {
        var object: [String: JSONValue] = [:]
        for name in Self.defaultProperties { object[name] = graphValue(name) }
        object["deleted"] = .bool(deleted)
        return .object(object)
    }

    mutating func apply(control json: [String: JSONValue]) throws {
        for (name, value) in json.sorted(by: { $0.key < $1.key }) {
            if let field = Self.optionalStrings[name] {
                self[keyPath: field] = value.stringValue
                continue
            }
            switch name {
            case "id": id = value.stringValue ?? id
            case "displayName": displayName = value.stringValue ?? displayName
            case "proxyAddresses": proxyAddresses = value.arrayValue?.compactMap(\.stringValue) ?? []
            case "phones":
                phones = (value.arrayValue ?? []).compactMap { item in
                    item["number"]?.stringValue.map { Phone(number: $0, type: item["type"]?.stringValue ?? "business") }
                }
            case "addresses":
                addresses = (value.arrayValue ?? []).map { item in
                    Address(
                        street: item["street"]?.stringValue,
                        city: item["city"]?.stringValue,
                        state: item["state"]?.stringValue,
                        postalCode: item["postalCode"]?.stringValue,
                        countryOrRegion: item["countryOrRegion"]?.stringValue,
                        officeLocation: item["officeLocation"]?.stringValue
                    )
                }
            case "deleted": deleted = value.boolValue ?? deleted
            case "deletedDateTime", "onPremisesSyncEnabled", "onPremisesLastSyncDateTime": break
            default: throw SimulatorError.invalidArgument("unknown org contact property '\(name)'")
            }
        }
    }
}

extension DirectoryGroup {
    /// The control API's JSON for a group: id, name and member ids.
    var controlJSON: JSONValue {
        ["id": .string(id), "displayName": .string(displayName), "memberIds": .strings(memberIds)]
    }
}
