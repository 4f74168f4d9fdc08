import M365Primitives

extension MailContactsPlanner {
    /// The update of a kept contact, or nil when it is unchanged.
    func update(
        _ contact: ExistingMailContact,
        _ desired: DesiredMailContact,
        name: String,
        changes: [FieldChange],
        adopted: Bool
    ) -> MailContactUpdate? {
        var setMailContact: [String: JSONValue] = [:]
        var setContact: [String: JSONValue] = [:]
        var report: [String: ValueChange] = [:]
        for change in changes {
            let value = change.field == .countryOrRegion ? countryParameter(change.new) : change.new
            switch change.field.cmdlet {
            case .setMailContact: setMailContact[change.field.parameter] = value
            case .setContact: setContact[change.field.parameter] = value
            }
            report[change.field.rawValue] = ValueChange(
                old: MailContactField.display(change.old),
                new: change.newDisplay
            )
        }
        if name != contact.name {
            setMailContact["Name"] = .string(name)
            report["name"] = ValueChange(old: contact.name, new: name)
        }
        if SyncText.folded(contact.email) != SyncText.folded(desired.email) {
            setMailContact["ExternalEmailAddress"] = .string(desired.email)
            report["externalEmailAddress"] = ValueChange(old: contact.email, new: desired.email)
        }
        if adopted {
            let marker = OwnershipMarker(job: job, sourceId: desired.sourceId).encoded
            setMailContact[target.markerAttribute] = .string(marker)
            report["marker"] = ValueChange(
                old: MailContactField.display(contact.properties[target.markerAttribute]),
                new: marker
            )
        }
        guard !report.isEmpty else { return nil }
        return MailContactUpdate(
            identity: contact.identity,
            sourceId: desired.sourceId,
            displayName: desired.displayName,
            email: desired.email,
            setMailContact: setMailContact,
            setContact: setContact,
            changes: report,
            adopted: adopted
        )
    }

    /// New-MailContact with the identity fields, then the marker and the remaining non-empty fields.
    func add(
        _ desired: DesiredMailContact,
        values: [MailContactField: JSONValue],
        name: String,
        alias: String,
        manager: JSONValue?
    ) -> MailContactAdd {
        var newMailContact: [String: JSONValue] = [
            "Name": .string(name), "ExternalEmailAddress": .string(desired.email), "Alias": .string(alias),
        ]
        var setMailContact: [String: JSONValue] = [
            target.markerAttribute: .string(OwnershipMarker(job: job, sourceId: desired.sourceId).encoded)
        ]
        var setContact: [String: JSONValue] = [:]
        var all = values
        if let manager { all[.manager] = manager }
        for (field, value) in all where !value.isNull {
            switch field {
            case .displayName, .firstName, .lastName: newMailContact[field.parameter] = value
            case .hiddenFromAddressLists: if value == .bool(true) { setMailContact[field.parameter] = value }
            case .countryOrRegion: setContact[field.parameter] = countryParameter(value)
            default: setContact[field.parameter] = value
            }
        }
        return MailContactAdd(
            sourceId: desired.sourceId,
            displayName: desired.displayName,
            email: desired.email,
            name: name,
            newMailContact: newMailContact,
            setMailContact: setMailContact,
            setContact: setContact
        )
    }

    func countryParameter(_ value: JSONValue) -> JSONValue {
        CountryCodes.parameterValue(for: value.stringValue).map(JSONValue.string) ?? .null
    }
}
