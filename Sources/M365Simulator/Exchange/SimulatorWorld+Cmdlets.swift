import M365Primitives

extension SimulatorWorld {
    static let resultSizeWarning =
        "By default, only the first 1000 items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify \"-ResultSize Unlimited\". Be aware that, depending upon the actual number of items, returning all items can take a long time and consume a large amount of memory. Also, we don't recommend storing the results in a variable. Instead, pipe the results to another task or script to perform batch changes."

    mutating func getContacts(_ call: ExchangeCall, tenant: Int, contactView: Bool) -> SimResponse {
        let t = tenants[tenant]
        var filter: OPathFilter?
        if let text = call.string("Filter") {
            do {
                filter = try OPathFilter.parse(text)
            } catch {
                return ExchangeError.badFilter(error.message).response()
            }
            let probe = MailContact(guid: "", name: "", alias: "", displayName: "", externalEmailAddress: "")
            for property in filter!.properties where probe.filterValues(property, contactView: contactView) == nil {
                return ExchangeError.badFilter("The property '\(property)' is not a filterable property.").response()
            }
        }
        var limit = 1_000
        var explicitLimit = false
        if let size = call.string("ResultSize") {
            if size.lowercased() == "unlimited" {
                limit = Int.max
            } else if let number = Int(size), number > 0 {
                limit = number
            } else {
                return ExchangeError.invalidArgument(
                    "ResultSize",
                    "The argument \"\(size)\" is not a valid ResultSize."
                ).response()
            }
            explicitLimit = true
        }
        var matches = t.mailContacts.filter { contact in
            filter?.evaluate { contact.filterValues($0, contactView: contactView) ?? [] } ?? true
        }
        if let identity = call.string("Identity") {
            matches = matches.filter { $0.matches(identity: identity, domain: t.domain) }
            if matches.isEmpty { return ExchangeError.notFound(identity).response() }
        }
        var warnings: [String] = []
        if matches.count > limit {
            matches = Array(matches.prefix(limit))
            if !explicitLimit { warnings.append(Self.resultSizeWarning) }
        }
        let slice = matches.dropFirst(call.offset).prefix(call.pageSize)
        let next = call.offset + slice.count < matches.count ? call.offset + slice.count : nil
        let values = slice.map {
            JSONValue.object(contactView ? $0.contactJSON(domain: t.domain) : $0.mailContactJSON(domain: t.domain))
        }
        return exchangeResult(call, values: values, warnings: call.offset == 0 ? warnings : [], nextOffset: next)
    }

    mutating func newMailContact(_ call: ExchangeCall, tenant: Int) -> SimResponse {
        guard let name = call.string("Name"), let external = call.string("ExternalEmailAddress") else {
            let missing = ["Name", "ExternalEmailAddress"].filter { call.string($0) == nil }
            return ExchangeError.missingParameter(call.cmdlet, missing.joined(separator: ", ")).response()
        }
        let address = Self.stripSMTP(external)
        if let error = validateNames(
            name: name,
            alias: call.string("Alias"),
            displayName: call.string("DisplayName"),
            address: address
        ) {
            return error.response()
        }
        let t = tenants[tenant]
        if t.mailContacts.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            return ExchangeError.duplicateName(name).response()
        }
        if let owner = t.mailContacts.first(where: { $0.primarySmtpAddress.lowercased() == address.lowercased() }) {
            return ExchangeError.proxyExists(address, owner: owner.name).response()
        }
        let alias = call.string("Alias") ?? Self.defaultAlias(name)
        if t.holdsAlias(alias, except: nil) {
            return ExchangeError.aliasInUse(alias).response()
        }
        var contact = MailContact(
            guid: tenants[tenant].random.guid(),
            name: name,
            alias: alias,
            displayName: call.string("DisplayName") ?? name,
            externalEmailAddress: address,
            whenCreated: Int64(call.now),
            whenChanged: Int64(call.now)
        )
        for key in ["FirstName", "LastName", "Initials"] {
            if let value = call.string(key) { contact.fields[key] = value }
        }
        tenants[tenant].insertMailContact(contact)
        let created = tenants[tenant].mailContacts.last!
        return exchangeResult(call, values: [.object(created.mailContactJSON(domain: t.domain))])
    }

    mutating func setContact(_ call: ExchangeCall, tenant: Int, contactView: Bool) -> SimResponse {
        guard let identity = call.string("Identity") else {
            return ExchangeError.missingParameter(call.cmdlet, "Identity").response()
        }
        let t = tenants[tenant]
        let found = t.mailContacts.indices.filter { t.mailContacts[$0].matches(identity: identity, domain: t.domain) }
        guard let index = found.first else { return ExchangeError.notFound(identity).response() }
        var contact = t.mailContacts[index]
        let before = contact
        do {
            try applyNames(call, to: &contact, tenant: t)
            if contactView {
                try Self.applyContactFields(call, to: &contact)
            } else {
                try Self.applyAddresses(call, to: &contact, tenant: t)
                try Self.applyAttributes(call, to: &contact)
            }
        } catch {
            return error.response()
        }
        var warnings: [String] = []
        if contact == before {
            warnings.append(
                "The command completed successfully but no settings of '\(before.name)' have been modified."
            )
        } else {
            contact.whenChanged = Int64(call.now)
            tenants[tenant].mailContacts[index] = contact
        }
        return exchangeResult(call, values: [], warnings: warnings)
    }

    /// `-Name` (unique in the tenant) and `-DisplayName`, then the name rules.
    private func applyNames(
        _ call: ExchangeCall,
        to contact: inout MailContact,
        tenant t: TenantState
    ) throws(ExchangeError) {
        if let name = call.string("Name"), name != contact.name {
            let guid = contact.guid
            if t.mailContacts.contains(where: { $0.guid != guid && $0.name.lowercased() == name.lowercased() }) {
                throw .duplicateName(name)
            }
            contact.name = name
        }
        if let value = call.string("DisplayName") { contact.displayName = value }
        if let error = validateNames(
            name: contact.name,
            alias: call.string("Alias"),
            displayName: contact.displayName,
            address: nil
        ) {
            throw error
        }
    }

    /// Set-Contact's fields; `-CountryOrRegion` accepts an ISO code or a name and stores the friendly name.
    private static func applyContactFields(_ call: ExchangeCall, to contact: inout MailContact) throws(ExchangeError) {
        for key in MailContact.contactFieldNames {
            guard let value = call.parameter(key) else { continue }
            var text = call.string(key) ?? ""
            if value.isNull { text = "" }
            if key == "CountryOrRegion", !text.isEmpty {
                guard let friendly = CountryNames.resolve(text) else {
                    throw .invalidArgument(
                        "CountryOrRegion",
                        "The country or region \"\(text)\" isn't valid. Use an ISO 3166 two-letter code."
                    )
                }
                text = friendly
            }
            contact.fields[key] = text.isEmpty ? nil : text
        }
    }

    /// Set-MailContact's `-Alias`, `-ExternalEmailAddress` and `-EmailAddresses`, each unique in the tenant.
    private static func applyAddresses(
        _ call: ExchangeCall,
        to contact: inout MailContact,
        tenant t: TenantState
    ) throws(ExchangeError) {
        let guid = contact.guid
        if let value = call.string("Alias"), value.lowercased() != contact.alias.lowercased() {
            if t.holdsAlias(value, except: guid) { throw .aliasInUse(value) }
            contact.alias = value
        }
        if let value = call.string("ExternalEmailAddress") {
            let address = stripSMTP(value)
            if let owner = t.mailContacts.first(where: {
                $0.guid != guid && $0.primarySmtpAddress.lowercased() == address.lowercased()
            }) {
                throw .proxyExists(address, owner: owner.name)
            }
            let previous = "smtp:\(contact.externalEmailAddress.lowercased())"
            contact.emailAddresses.removeAll { $0.lowercased() == previous }
            contact.externalEmailAddress = address
            contact.emailAddresses.insert("SMTP:\(address)", at: 0)
        }
        if let value = call.parameter("EmailAddresses") {
            contact.emailAddresses = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
        }
    }

    /// Set-MailContact's `-HiddenFromAddressListsEnabled` and custom attributes.
    private static func applyAttributes(_ call: ExchangeCall, to contact: inout MailContact) throws(ExchangeError) {
        if let value = call.parameter("HiddenFromAddressListsEnabled") {
            contact.hiddenFromAddressListsEnabled = value.boolValue ?? (value.stringValue?.lowercased() == "true")
        }
        for key in MailContact.customAttributeNames {
            guard let value = call.parameter(key) else { continue }
            let text = value.isNull ? "" : (call.string(key) ?? "")
            if text.count > 1_024 { throw .invalidArgument(key, "The length of the argument is too long.") }
            contact.fields[key] = text.isEmpty ? nil : text
        }
        for key in MailContact.extensionAttributeNames {
            guard let value = call.parameter(key) else { continue }
            let items = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
            contact.extensionCustomAttributes[key] = items.isEmpty ? nil : items
        }
    }

    mutating func removeMailContact(_ call: ExchangeCall, tenant: Int) -> SimResponse {
        guard let identity = call.string("Identity") else {
            return ExchangeError.missingParameter(call.cmdlet, "Identity").response()
        }
        guard call.parameter("Confirm")?.boolValue == false else {
            return ExchangeError(
                exceptionType: "System.Management.Automation.Host.HostException",
                text:
                    "A command that prompts the user failed because the host program or the command type does not support user interaction. Add \"Confirm\": false."
            ).response()
        }
        let t = tenants[tenant]
        guard let index = t.mailContacts.firstIndex(where: { $0.matches(identity: identity, domain: t.domain) }) else {
            return ExchangeError.notFound(identity).response()
        }
        tenants[tenant].mailContacts.remove(at: index)
        return exchangeResult(call, values: [])
    }

    private func validateNames(name: String, alias: String?, displayName: String?, address: String?) -> ExchangeError? {
        if name.isEmpty || name.count > 64 {
            return .invalidArgument("Name", "The character length of the argument must be between 1 and 64.")
        }
        if let alias {
            if alias.isEmpty || alias.count > 64 {
                return .invalidArgument("Alias", "The length of the argument must be between 1 and 64.")
            }
            if alias.contains(where: { $0 == " " || $0 == "@" || $0 == "\"" || $0 == "," }) {
                return ExchangeError(
                    exceptionType: "Microsoft.Exchange.Data.DataValidationException",
                    text: "The alias \"\(alias)\" contains invalid characters."
                )
            }
        }
        if let displayName, displayName.count > 256 {
            return .invalidArgument("DisplayName", "The length of the argument must be at most 256.")
        }
        if let address {
            let parts = address.split(separator: "@")
            if parts.count != 2 || !parts[1].contains(".") {
                return ExchangeError(
                    exceptionType: "Microsoft.Exchange.Data.DataValidationException",
                    text: "The e-mail address \"\(address)\" isn't correct."
                )
            }
        }
        return nil
    }

    static func stripSMTP(_ value: String) -> String {
        value.lowercased().hasPrefix("smtp:") ? String(value.dropFirst(5)) : value
    }

    static func defaultAlias(_ name: String) -> String {
        let allowed = name.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        return String((allowed.isEmpty ? "contact" : allowed).prefix(64))
    }
}

extension TenantState {
    mutating func insertMailContact(_ contact: MailContact) {
        var contact = contact
        contact.seq = nextSeq
        nextSeq += 1
        mailContacts.append(contact)
    }
}

extension TenantState {
    /// Whether a recipient other than the mail contact `guid` has `alias`: another mail contact, or a user or
    /// group with that mail nickname (Exchange keeps aliases unique across every recipient of a tenant).
    func holdsAlias(_ alias: String, except guid: String?) -> Bool {
        let key = alias.lowercased()
        return mailContacts.contains { $0.guid != guid && $0.alias.lowercased() == key }
            || users.contains { $0.mailNickname?.lowercased() == key }
            || groups.contains { $0.mailNickname.lowercased() == key }
    }
}
