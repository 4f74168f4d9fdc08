extension MailboxContact {
    /// Applies a validated body (create or PATCH); extended properties are interned in `names`.
    mutating func apply(_ body: SimJSONObject, names: inout ExtendedPropertyTable) {
        for (name, value) in body {
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

    private static func address(_ value: SimJSON) -> ContactAddress? {
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

    private static func addressJSON(_ address: ContactAddress?) -> SimJSON {
        var object = SimJSONObject()
        guard let address else { return .object(object) }
        if let value = address.street { object.append("street", .string(value)) }
        if let value = address.city { object.append("city", .string(value)) }
        if let value = address.state { object.append("state", .string(value)) }
        if let value = address.countryOrRegion { object.append("countryOrRegion", .string(value)) }
        if let value = address.postalCode { object.append("postalCode", .string(value)) }
        return .object(object)
    }

    /// The contact as Graph returns it (without extended properties).
    func graphJSON(owner: String) -> SimJSONObject {
        let changeKey = GraphIDs.changeKey(owner: owner, change: changeSeq, seq: seq)
        var o = SimJSONObject()
        o.append("@odata.etag", .string("W/\"\(changeKey)\""))
        o.append("id", .string(GraphIDs.itemID(kind: .contact, owner: owner, seq: seq)))
        o.append("createdDateTime", .string(SimTime.iso8601(created)))
        o.append("lastModifiedDateTime", .string(SimTime.iso8601(modified)))
        o.append("changeKey", .string(changeKey))
        o.append("categories", .strings(rareList(.categories)))
        o.append("parentFolderId", .string(GraphIDs.itemID(kind: .folder, owner: owner, seq: folder)))
        o.append("birthday", .optional(rareString(.birthday)))
        o.append("fileAs", .string(rareString(.fileAs) ?? ""))
        o.append("displayName", .optional(displayName))
        o.append("givenName", .optional(givenName))
        o.append("initials", .optional(rareString(.initials)))
        o.append("middleName", .optional(rareString(.middleName)))
        o.append("nickName", .optional(rareString(.nickName)))
        o.append("surname", .optional(surname))
        o.append("title", .optional(rareString(.title)))
        o.append("yomiGivenName", .optional(rareString(.yomiGivenName)))
        o.append("yomiSurname", .optional(rareString(.yomiSurname)))
        o.append("yomiCompanyName", .optional(rareString(.yomiCompanyName)))
        o.append("generation", .optional(rareString(.generation)))
        o.append("imAddresses", .strings(rareList(.imAddresses)))
        o.append("jobTitle", .optional(jobTitle))
        o.append("companyName", .optional(companyName))
        o.append("department", .optional(department))
        o.append("officeLocation", .optional(officeLocation))
        o.append("profession", .optional(rareString(.profession)))
        o.append("businessHomePage", .optional(rareString(.businessHomePage)))
        o.append("assistantName", .optional(rareString(.assistantName)))
        o.append("manager", .optional(rareString(.manager)))
        o.append("homePhones", .strings(rareList(.homePhones)))
        o.append("mobilePhone", .optional(mobilePhone))
        o.append("businessPhones", .strings(businessPhones))
        o.append("spouseName", .optional(rareString(.spouseName)))
        o.append("personalNotes", .string(rareString(.personalNotes) ?? ""))
        o.append("children", .strings(rareList(.children)))
        o.append(
            "emailAddresses",
            .array(emailAddresses.map { ["name": .optional($0.name ?? $0.address), "address": .optional($0.address)] })
        )
        o.append("homeAddress", Self.addressJSON(homeAddress))
        o.append("businessAddress", Self.addressJSON(businessAddress))
        o.append("otherAddress", Self.addressJSON(otherAddress))
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
            guard let match = json.members.first(where: { $0.key.lowercased() == path.lowercased() }) else {
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
