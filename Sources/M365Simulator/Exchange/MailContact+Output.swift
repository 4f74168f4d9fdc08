import M365Primitives

extension MailContact {
    static let customAttributeNames = (1...15).map { "CustomAttribute\($0)" }
    static let extensionAttributeNames = (1...5).map { "ExtensionCustomAttribute\($0)" }
    /// Set-Contact fields, with their output names.
    static let contactFieldNames = [
        "FirstName", "LastName", "Initials", "Company", "Title", "Department", "Office", "Phone", "MobilePhone",
        "HomePhone", "Fax", "StreetAddress", "City", "StateOrProvince", "PostalCode", "CountryOrRegion", "Manager",
        "Notes",
    ]

    func distinguishedName(domain: String) -> String {
        "CN=\(name),OU=\(domain),OU=Microsoft Exchange Hosted Organizations,DC=EURPR01A001,DC=PROD,DC=OUTLOOK,DC=COM"
    }

    private func common(_ o: inout [String: JSONValue], domain: String) {
        o["Identity"] = .string(name)
        o["Name"] = .string(name)
        o["DisplayName"] = .string(displayName)
        o["DistinguishedName"] = .string(distinguishedName(domain: domain))
        o["Guid@odata.type"] = "#Guid"
        o["Guid"] = .string(guid)
        o["ExchangeObjectId@odata.type"] = "#Guid"
        o["ExchangeObjectId"] = .string(guid)
        o["ExternalDirectoryObjectId"] = .string(guid)
        o["OrganizationalUnit"] = .string(
            "EURPR01A001.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/\(domain)"
        )
        o["RecipientType"] = "MailContact"
        o["RecipientTypeDetails"] = "MailContact"
        let times = ["WhenChanged": whenChanged, "WhenCreated": whenCreated]
        for (name, time) in times {
            for key in [name, name + "UTC"] {
                o["\(key)@odata.type"] = "#DateTime"
                o[key] = .string(SimTime.iso8601(time))
            }
        }
        o["IsValid"] = true
        o["ObjectState"] = "Unchanged"
    }

    /// Get-MailContact output.
    func mailContactJSON(domain: String) -> [String: JSONValue] {
        var o: [String: JSONValue] = [:]
        common(&o, domain: domain)
        o["Alias"] = .string(alias)
        o["ExternalEmailAddress"] = .string("SMTP:\(externalEmailAddress)")
        o["PrimarySmtpAddress"] = .string(primarySmtpAddress)
        o["EmailAddresses@odata.type"] = "#Collection(String)"
        o["EmailAddresses"] = .strings(emailAddresses)
        o["HiddenFromAddressListsEnabled"] = .bool(hiddenFromAddressListsEnabled)
        o["UsePreferMessageFormat"] = false
        o["MessageFormat"] = "Mime"
        for key in Self.customAttributeNames { o[key] = .string(fields[key] ?? "") }
        for key in Self.extensionAttributeNames {
            o["\(key)@odata.type"] = "#Collection(String)"
            o[key] = .strings(extensionCustomAttributes[key] ?? [])
        }
        return o
    }

    /// Get-Contact output.
    func contactJSON(domain: String) -> [String: JSONValue] {
        var o: [String: JSONValue] = [:]
        common(&o, domain: domain)
        for key in Self.contactFieldNames { o[key] = .string(fields[key] ?? "") }
        o["WindowsEmailAddress"] = .string(primarySmtpAddress)
        return o
    }

    /// The control API's JSON: Get-MailContact's properties, then Get-Contact's that it lacks.
    func controlJSON(domain: String) -> [String: JSONValue] {
        mailContactJSON(domain: domain).merging(contactJSON(domain: domain)) { mailContact, _ in mailContact }
    }

    /// Values of a property for `-Filter`, nil when it is not filterable.
    func filterValues(_ property: String, contactView: Bool) -> [String]? {
        let lowered = property.lowercased()
        switch lowered {
        case "name", "identity": return [name]
        case "displayname": return [displayName]
        case "guid", "exchangeobjectid", "externaldirectoryobjectid": return [guid]
        case "recipienttype", "recipienttypedetails": return ["MailContact"]
        default: break
        }
        if !contactView {
            switch lowered {
            case "alias": return [alias]
            case "primarysmtpaddress", "windowsemailaddress": return [primarySmtpAddress]
            case "externalemailaddress": return ["SMTP:\(externalEmailAddress)", externalEmailAddress]
            case "emailaddresses":
                return emailAddresses + emailAddresses.map { String($0.split(separator: ":", maxSplits: 1).last ?? "") }
            case "hiddenfromaddresslistsenabled": return [hiddenFromAddressListsEnabled ? "True" : "False"]
            default: break
            }
            if let key = Self.customAttributeNames.first(where: { $0.lowercased() == lowered }) {
                return [fields[key] ?? ""]
            }
            if let key = Self.extensionAttributeNames.first(where: { $0.lowercased() == lowered }) {
                return extensionCustomAttributes[key] ?? []
            }
            return nil
        }
        if lowered == "windowsemailaddress" { return [primarySmtpAddress] }
        if let key = Self.contactFieldNames.first(where: { $0.lowercased() == lowered }) { return [fields[key] ?? ""] }
        return nil
    }

    /// Whether `identity` names this contact (name, alias, address, guid or DN).
    func matches(identity: String, domain: String) -> Bool {
        let key = identity.lowercased()
        return key == name.lowercased() || key == alias.lowercased() || key == guid.lowercased()
            || key == primarySmtpAddress.lowercased() || key == distinguishedName(domain: domain).lowercased()
            || key == "smtp:\(primarySmtpAddress.lowercased())"
    }
}

/// ISO 3166 codes and the friendly names Get-Contact prints.
enum CountryNames {
    static let byCode: [String: String] = [
        "US": "United States", "GB": "United Kingdom", "DE": "Germany", "FR": "France", "ES": "Spain", "IT": "Italy",
        "NL": "Netherlands", "BE": "Belgium", "CH": "Switzerland", "AT": "Austria", "PL": "Poland", "SE": "Sweden",
        "NO": "Norway", "DK": "Denmark", "FI": "Finland", "IE": "Ireland", "PT": "Portugal", "CZ": "Czechia",
        "JP": "Japan", "CN": "China", "IN": "India", "BR": "Brazil", "CA": "Canada", "AU": "Australia",
        "MX": "Mexico", "RU": "Russia", "GR": "Greece", "TR": "Türkiye", "KR": "Korea", "EG": "Egypt",
        "IL": "Israel", "ZA": "South Africa", "NZ": "New Zealand", "IS": "Iceland", "UA": "Ukraine",
    ]

    /// The friendly name for a code or a name, nil when unknown.
    static func resolve(_ value: String) -> String? {
        if let name = byCode[value.uppercased()] { return name }
        return byCode.values.first { $0.lowercased() == value.lowercased() }
    }
}
