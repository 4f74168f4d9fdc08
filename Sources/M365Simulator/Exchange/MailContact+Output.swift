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

    private func common(_ o: inout SimJSONObject, domain: String) {
        o.append("Identity", .string(name))
        o.append("Name", .string(name))
        o.append("DisplayName", .string(displayName))
        o.append("DistinguishedName", .string(distinguishedName(domain: domain)))
        o.append("Guid@odata.type", "#Guid")
        o.append("Guid", .string(guid))
        o.append("ExchangeObjectId@odata.type", "#Guid")
        o.append("ExchangeObjectId", .string(guid))
        o.append("ExternalDirectoryObjectId", .string(guid))
        o.append(
            "OrganizationalUnit",
            .string("EURPR01A001.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/\(domain)")
        )
        o.append("RecipientType", "MailContact")
        o.append("RecipientTypeDetails", "MailContact")
        o.append("WhenChanged@odata.type", "#DateTime")
        o.append("WhenChanged", .string(SimTime.iso8601(whenChanged)))
        o.append("WhenCreated@odata.type", "#DateTime")
        o.append("WhenCreated", .string(SimTime.iso8601(whenCreated)))
        o.append("WhenChangedUTC@odata.type", "#DateTime")
        o.append("WhenChangedUTC", .string(SimTime.iso8601(whenChanged)))
        o.append("WhenCreatedUTC@odata.type", "#DateTime")
        o.append("WhenCreatedUTC", .string(SimTime.iso8601(whenCreated)))
        o.append("IsValid", true)
        o.append("ObjectState", "Unchanged")
    }

    /// Get-MailContact output.
    func mailContactJSON(domain: String) -> SimJSONObject {
        var o = SimJSONObject()
        common(&o, domain: domain)
        o.append("Alias", .string(alias))
        o.append("ExternalEmailAddress", .string("SMTP:\(externalEmailAddress)"))
        o.append("PrimarySmtpAddress", .string(primarySmtpAddress))
        o.append("EmailAddresses@odata.type", "#Collection(String)")
        o.append("EmailAddresses", .strings(emailAddresses))
        o.append("HiddenFromAddressListsEnabled", .bool(hiddenFromAddressListsEnabled))
        o.append("UsePreferMessageFormat", false)
        o.append("MessageFormat", "Mime")
        for key in Self.customAttributeNames { o.append(key, .string(fields[key] ?? "")) }
        for key in Self.extensionAttributeNames {
            o.append("\(key)@odata.type", "#Collection(String)")
            o.append(key, .strings(extensionCustomAttributes[key] ?? []))
        }
        return o
    }

    /// Get-Contact output.
    func contactJSON(domain: String) -> SimJSONObject {
        var o = SimJSONObject()
        common(&o, domain: domain)
        for key in Self.contactFieldNames { o.append(key, .string(fields[key] ?? "")) }
        o.append("WindowsEmailAddress", .string(primarySmtpAddress))
        return o
    }

    /// The control API's JSON: Get-MailContact's properties, then Get-Contact's that it lacks.
    func controlJSON(domain: String) -> SimJSONObject {
        var object = mailContactJSON(domain: domain)
        for member in contactJSON(domain: domain) where object[member.key] == nil {
            object.append(member.key, member.value)
        }
        return object
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
