import M365Primitives

extension MailboxContact {
    /// String properties stored as fields, by Graph name.
    static let fieldStrings: [String: any WritableKeyPath<MailboxContact, String?> & Sendable] = [
        "displayName": \.displayName, "givenName": \.givenName, "surname": \.surname, "companyName": \.companyName,
        "department": \.department, "jobTitle": \.jobTitle, "mobilePhone": \.mobilePhone,
        "officeLocation": \.officeLocation,
    ]

    /// Applies a validated body (create or PATCH); extended properties are interned in `names`.
    mutating func apply(_ body: [String: JSONValue], names: inout ExtendedPropertyTable) {
        for (name, value) in body.sorted(by: { $0.key < $1.key }) {
            switch name {
            case "businessPhones": businessPhones = value.arrayValue?.compactMap(\.stringValue) ?? []
            case "emailAddresses":
                emailAddresses = (value.arrayValue ?? []).map {
                    ContactEmail(name: $0["name"]?.stringValue, address: $0["address"]?.stringValue)
                }
            case "primaryEmailAddress", "secondaryEmailAddress", "tertiaryEmailAddress":
                let slot = name.hasPrefix("primary") ? 0 : (name.hasPrefix("secondary") ? 1 : 2)
                while emailAddresses.count <= slot { emailAddresses.append(ContactEmail()) }
                emailAddresses[slot] = ContactEmail(
                    name: value["name"]?.stringValue,
                    address: value["address"]?.stringValue
                )
            case "businessAddress": businessAddress = Self.address(value)
            case "singleValueExtendedProperties": applyExtended(value, names: &names)
            default: applyOther(name, value)
            }
        }
        if displayName == nil, body["displayName"] == nil {
            let composed = [givenName, surname].compactMap { $0 }.joined(separator: " ")
            if !composed.isEmpty { displayName = composed }
        }
    }

    /// Sets or replaces the extended properties of a `singleValueExtendedProperties` array.
    private mutating func applyExtended(_ value: JSONValue, names: inout ExtendedPropertyTable) {
        for item in value.arrayValue ?? [] {
            guard let id = item["id"]?.stringValue, let text = item["value"]?.stringValue else { continue }
            let index = names.intern(id)
            if let existing = extended.firstIndex(where: { $0.property == index }) {
                extended[existing].value = text
            } else {
                extended.append(ExtendedValue(property: index, value: text))
            }
        }
    }

    /// A plain string field or a sparse property.
    private mutating func applyOther(_ name: String, _ value: JSONValue) {
        if let field = Self.fieldStrings[name] {
            self[keyPath: field] = value.stringValue
        } else if let key = RareString(rawValue: name) {
            setRare(key, value.stringValue)
        } else if let key = RareList(rawValue: name) {
            setRare(key, value.arrayValue?.compactMap(\.stringValue) ?? [])
        } else if let key = RareAddress(rawValue: name) {
            setRare(key, Self.address(value))
        }
    }

    private static func address(_ value: JSONValue) -> ContactAddress? {
        guard let object = value.objectValue else { return nil }
        let address = ContactAddress(
            street: object["street"]?.stringValue,
            city: object["city"]?.stringValue,
            state: object["state"]?.stringValue,
            postalCode: object["postalCode"]?.stringValue,
            countryOrRegion: object["countryOrRegion"]?.stringValue
        )
        return address.isEmpty ? nil : address
    }

    /// The members of an address that are set (`{}` for none).
    private static func addressJSON(_ address: ContactAddress?) -> JSONValue {
        let members = [
            "street": address?.street, "city": address?.city, "state": address?.state,
            "countryOrRegion": address?.countryOrRegion, "postalCode": address?.postalCode,
        ]
        return .object(members.compactMapValues { $0.map { .string($0) } })
    }

    /// The contact as Graph returns it (without extended properties).
    func graphJSON(owner: String) -> [String: JSONValue] {
        let changeKey = GraphIDs.changeKey(owner: owner, change: changeSeq, seq: seq)
        var o: [String: JSONValue] = [:]
        o["@odata.etag"] = .string("W/\"\(changeKey)\"")
        o["id"] = .string(GraphIDs.itemID(kind: .contact, owner: owner, seq: seq))
        o["createdDateTime"] = .string(SimTime.iso8601(created))
        o["lastModifiedDateTime"] = .string(SimTime.iso8601(modified))
        o["changeKey"] = .string(changeKey)
        o["parentFolderId"] = .string(GraphIDs.itemID(kind: .folder, owner: owner, seq: folder))
        for (name, field) in Self.fieldStrings { o[name] = .optional(self[keyPath: field]) }
        for key in RareString.allCases { o[key.rawValue] = .optional(rareString(key)) }
        o["fileAs"] = .string(rareString(.fileAs) ?? "")
        o["personalNotes"] = .string(rareString(.personalNotes) ?? "")
        for key in RareList.allCases { o[key.rawValue] = .strings(rareList(key)) }
        o["businessPhones"] = .strings(businessPhones)
        o["emailAddresses"] = .array(
            emailAddresses.map { ["name": .optional($0.name ?? $0.address), "address": .optional($0.address)] }
        )
        o["businessAddress"] = Self.addressJSON(businessAddress)
        for key in RareAddress.allCases { o[key.rawValue] = Self.addressJSON(rareAddress(key)) }
        return o
    }

    /// Resolves a `$filter` path on a contact.
    func filterOperand(_ path: String, names: ExtendedPropertyTable, owner: String) -> FilterOperand {
        switch path.lowercased() {
        case "singlevalueextendedproperties":
            return .collection(extended.map { ["id": .string(names.name($0.property)), "value": .string($0.value)] })
        case "emailaddresses":
            return .collection(emailAddresses.map { ["address": .optional($0.address), "name": .optional($0.name)] })
        default:
            let json = graphJSON(owner: owner)
            guard let match = json.first(where: { $0.key.lowercased() == path.lowercased() }) else {
                return .unknown
            }
            if case .string(let value) = match.value { return .scalar(.string(value)) }
            return .scalar(.null)
        }
    }
}

extension FilterLiteral {
    static func optional(_ value: String?) -> FilterLiteral { value.map { .string($0) } ?? .null }
}
