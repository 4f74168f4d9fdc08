import M365Primitives

/// The mail contact m365sync wants in the target tenant for one source person (before names are made unique).
public struct DesiredMailContact: Sendable, Equatable {
    public var sourceId: String
    public var email: String
    /// `nameFormat` applied to the person, cleaned and cut to 64 characters.
    public var nameBase: String
    /// Alias from `mailNickname` or the address's local part, in Exchange's allowed characters.
    public var aliasBase: String
    /// `displayName` + `displayNameSuffix`, for reports (and the `displayName` field).
    public var displayName: String
    /// The source manager's id, resolved to a target contact when planning.
    public var managerSourceId: String?
    /// The written fields except `manager`; empty values as JSON null.
    public var values: [MailContactField: JSONValue]
}

/// Maps source people to Exchange mail contact values, honouring `fields`, `nameFormat` and the suffix.
public struct MailContactMapper: Sendable {
    public var fields: FieldSelection
    public var nameFormat: String
    public var displayNameSuffix: String
    public var hiddenFromAddressLists: Bool

    public init(target: MailContactsTarget) {
        fields = target.fields
        nameFormat = target.nameFormat
        displayNameSuffix = target.displayNameSuffix
        hiddenFromAddressLists = target.hiddenFromAddressLists
    }

    /// The fields this job writes (and compares).
    public var writtenFields: [MailContactField] {
        MailContactField.allCases.filter { fields.contains($0.rawValue) }
    }

    /// The desired contact; nil for a person without an address.
    public func desired(for person: SourcePerson) -> DesiredMailContact? {
        guard let email = person.email else { return nil }
        let local = String(email.prefix { $0 != "@" })
        let displayName = (person.displayName ?? local) + displayNameSuffix
        var values: [MailContactField: JSONValue] = [:]
        for field in writtenFields where field != .manager {
            // Set-Contact refuses a country it does not know and would then write none of the person's fields:
            // an unrecognised country is left as it is in the target (neither written nor compared).
            if field == .countryOrRegion, SyncText.normalize(person.country) != nil,
                CountryCodes.code(for: person.country) == nil
            {
                continue
            }
            values[field] = value(of: field, for: person, displayName: displayName)
        }
        let rendered = SyncText.normalize(Self.render(nameFormat, person: person)) ?? local
        return DesiredMailContact(
            sourceId: person.id,
            email: email,
            nameBase: String(rendered.prefix(64)),
            aliasBase: Self.alias(from: person.mailNickname ?? local),
            displayName: SyncText.normalize(displayName) ?? local,
            managerSourceId: person.managerId,
            values: values
        )
    }

    func value(of field: MailContactField, for person: SourcePerson, displayName: String) -> JSONValue {
        let text: String?
        switch field {
        case .displayName: text = String(displayName.prefix(256))
        case .firstName: text = person.givenName
        case .lastName: text = person.surname
        case .title: text = person.jobTitle
        case .company: text = person.companyName
        case .department: text = person.department
        case .office: text = person.officeLocation
        case .phone: text = person.businessPhones.first
        case .mobilePhone: text = person.mobilePhone
        case .streetAddress: text = person.streetAddress
        case .city: text = person.city
        case .stateOrProvince: text = person.state
        case .postalCode: text = person.postalCode
        case .countryOrRegion: text = CountryCodes.parameterValue(for: person.country)
        case .manager: text = nil
        case .hiddenFromAddressLists: return .bool(hiddenFromAddressLists)
        }
        return SyncText.normalize(text).map(JSONValue.string) ?? .null
    }

    /// Replaces `{property}` placeholders with the person's values (dotted Graph paths; `{mail}` is the address).
    public static func render(_ format: String, person: SourcePerson) -> String {
        var result = ""
        var rest = Substring(format)
        var raw: JSONValue?
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            if key == "mail" || key == "email" {
                result += person.email ?? ""
            } else {
                if raw == nil { raw = .object(person.raw) }
                result += PropertyFilter.scalars(raw?[path: key]).first ?? ""
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// An Exchange alias: letters, digits and ``!#$%&'*+-/=?^_`{|}~``, single inner dots, at most 64.
    public static func alias(from text: String) -> String {
        let allowed = Set("!#$%&'*+-/=?^_`{|}~")
        var alias = ""
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber || allowed.contains(character) {
                alias.append(character)
            } else if character == ".", !alias.isEmpty, alias.last != "." {
                alias.append(".")
            }
        }
        alias = String(alias.prefix(64))
        while alias.hasSuffix(".") { alias.removeLast() }
        return alias.isEmpty ? "contact" : alias
    }
}
