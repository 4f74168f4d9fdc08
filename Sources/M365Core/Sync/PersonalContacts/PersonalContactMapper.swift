import M365Primitives

/// The contact m365sync wants in a mailbox for one source person.
public struct DesiredContact: Sendable, Equatable {
    public var sourceId: String
    public var displayName: String
    public var email: String
    /// Only the fields the job writes.
    public var values: [ContactField: ContactValue]

    public init(sourceId: String, displayName: String, email: String, values: [ContactField: ContactValue]) {
        self.sourceId = sourceId
        self.displayName = displayName
        self.email = email
        self.values = values
    }

    /// The Graph properties the contact writes on create: its non-empty values.
    public var graphBody: [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        for (field, value) in values where !value.isEmpty { body[field.rawValue] = value.json }
        return body
    }
}

/// Maps source people to contact field values, honouring `fields` and `categories`.
public struct PersonalContactMapper: Sendable {
    public var fields: FieldSelection
    /// nil: categories untouched; []: cleared; otherwise set.
    public var categories: [String]?

    public init(fields: FieldSelection = FieldSelection(), categories: [String]? = nil) {
        self.fields = fields
        self.categories = categories
    }

    /// The fields this job writes (and compares).
    public var writtenFields: [ContactField] {
        ContactField.allCases.filter { field in
            field == .categories ? categories != nil : fields.contains(field.rawValue)
        }
    }

    public func desired(for person: SourcePerson) -> DesiredContact {
        var values: [ContactField: ContactValue] = [:]
        // Directory users have no home phone in Graph: a home phone someone added to their contact stays.
        for field in writtenFields where field != .homePhones || person.kind == .orgContact {
            values[field] = value(of: field, for: person)
        }
        return DesiredContact(
            sourceId: person.id,
            displayName: person.displayName ?? "",
            email: person.email ?? "",
            values: values
        )
    }

    func value(of field: ContactField, for person: SourcePerson) -> ContactValue {
        switch field {
        case .displayName: return .text(person.displayName)
        case .givenName: return .text(person.givenName)
        case .surname: return .text(person.surname)
        case .nickName: return .text(person.mailNickname)
        case .emailAddresses:
            guard let email = person.email else { return .emails([]) }
            return .emails([ContactEmail(name: person.displayName ?? email, address: email)])
        case .businessPhones: return .phones(person.businessPhones)
        case .mobilePhone: return .text(person.mobilePhone)
        case .homePhones: return .phones(person.homePhones)
        case .companyName: return .text(person.companyName)
        case .department: return .text(person.department)
        case .jobTitle: return .text(person.jobTitle)
        case .officeLocation: return .text(person.officeLocation)
        case .manager: return .text(person.managerDisplayName)
        case .businessAddress:
            return .address(
                ContactAddress(
                    street: person.streetAddress,
                    city: person.city,
                    state: person.state,
                    postalCode: person.postalCode,
                    countryOrRegion: person.country
                )
            )
        case .categories: return .categories(categories ?? [])
        }
    }
}
