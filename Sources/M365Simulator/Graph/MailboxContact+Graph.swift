import M365Primitives

extension MailboxContact {
    /// Applies a validated body (create or PATCH); extended properties are interned in `names`.
    mutating func apply(_ body: [String: JSONValue], names: inout ExtendedPropertyTable) {
        for (name, value) in body.sorted(by: { $0.key < $1.key }) {
            switch name {
            case "displayName": displayName = value.stringValue
            case "givenName": givenName = value.stringValue
            case "surname": surname = value.stringValue
            case "companyName": companyName = value.stringValue
            case "department": department = value.stringValue
            case "jobTitle": jobTitle = value.stringValue
            case "mobilePhone": mobilePhone = value.stringValue
            case "officeLocation": officeLocation = value.stringValue
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
            case "homeAddress": homeAddress = Self.address(value)
            case "otherAddress": otherAddress = Self.address(value)
            case "singleValueExtendedProperties":
                for item in value.arrayValue ?? [] {
                    guard let id = item["id"]?.stringValue, let text = item["value"]?.stringValue else { continue }
                    let index = names.intern(id)
                    if let existing = extended.firstIndex(where: { $0.property == index }) {
                        extended[existing].value = text
                    } else {
                        extended.append(ExtendedValue(property: index, value: text))
                    }
                }
            default:
                if let key = RareString(rawName: name) {
                    setRare(key, value.stringValue)
                } else if let key = RareList(rawName: name) {
                    setRare(key, value.arrayValue?.compactMap(\.stringValue) ?? [])
                }
            }
        }
        if displayName == nil, body["displayName"] == nil {
            let composed = [givenName, surname].compactMap { $0 }.joined(separator: " ")
            if !composed.isEmpty { displayName = composed }
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

    private static func addressJSON(_ address: ContactAddress?) -> JSONValue {
        var object: [String: JSONValue] = [:]
        guard let address else { return .object(object) }
        if let value = address.street { object["street"] = .string(value) }
        if let value = address.city { object["city"] = .string(value) }
        if let value = address.state { object["state"] = .string(value) }
        if let value = address.countryOrRegion { object["countryOrRegion"] = .string(value) }
        if let value = address.postalCode { object["postalCode"] = .string(value) }
        return .object(object)
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
        o["categories"] = .strings(rareList(.categories))
        o["parentFolderId"] = .string(GraphIDs.itemID(kind: .folder, owner: owner, seq: folder))
        o["birthday"] = .optional(rareString(.birthday))
        o["fileAs"] = .string(rareString(.fileAs) ?? "")
        o["displayName"] = .optional(displayName)
        o["givenName"] = .optional(givenName)
        o["initials"] = .optional(rareString(.initials))
        o["middleName"] = .optional(rareString(.middleName))
        o["nickName"] = .optional(rareString(.nickName))
        o["surname"] = .optional(surname)
        o["title"] = .optional(rareString(.title))
        o["yomiGivenName"] = .optional(rareString(.yomiGivenName))
        o["yomiSurname"] = .optional(rareString(.yomiSurname))
        o["yomiCompanyName"] = .optional(rareString(.yomiCompanyName))
        o["generation"] = .optional(rareString(.generation))
        o["imAddresses"] = .strings(rareList(.imAddresses))
        o["jobTitle"] = .optional(jobTitle)
        o["companyName"] = .optional(companyName)
        o["department"] = .optional(department)
        o["officeLocation"] = .optional(officeLocation)
        o["profession"] = .optional(rareString(.profession))
        o["businessHomePage"] = .optional(rareString(.businessHomePage))
        o["assistantName"] = .optional(rareString(.assistantName))
        o["manager"] = .optional(rareString(.manager))
        o["homePhones"] = .strings(rareList(.homePhones))
        o["mobilePhone"] = .optional(mobilePhone)
        o["businessPhones"] = .strings(businessPhones)
        o["spouseName"] = .optional(rareString(.spouseName))
        o["personalNotes"] = .string(rareString(.personalNotes) ?? "")
        o["children"] = .strings(rareList(.children))
        o["emailAddresses"] = .array(
            emailAddresses.map { ["name": .optional($0.name ?? $0.address), "address": .optional($0.address)] }
        )
        o["homeAddress"] = Self.addressJSON(homeAddress)
        o["businessAddress"] = Self.addressJSON(businessAddress)
        o["otherAddress"] = Self.addressJSON(otherAddress)
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

extension MailboxContact.RareString {
    init?(rawName: String) {
        guard let match = Self.allCases.first(where: { $0.name == rawName }) else { return nil }
        self = match
    }
}

extension MailboxContact.RareList {
    init?(rawName: String) {
        guard let match = Self.allCases.first(where: { $0.name == rawName }) else { return nil }
        self = match
    }
}
