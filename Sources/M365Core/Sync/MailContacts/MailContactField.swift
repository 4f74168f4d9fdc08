import M365Primitives

/// A mail contact property that mail contacts jobs write; the raw values are the `fields` names.
public enum MailContactField: String, Sendable, Hashable, CaseIterable, Comparable {
    case displayName, firstName, lastName, title, company, department, office, phone, mobilePhone
    case streetAddress, city, stateOrProvince, postalCode, countryOrRegion, manager, hiddenFromAddressLists

    /// The cmdlets that write mail contacts.
    public enum Cmdlet: String, Sendable {
        case setMailContact = "Set-MailContact"
        case setContact = "Set-Contact"
    }

    /// The Exchange parameter (and Get-MailContact/Get-Contact property) name.
    public var parameter: String {
        switch self {
        case .hiddenFromAddressLists: "HiddenFromAddressListsEnabled"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// The cmdlet that sets the field on an existing contact.
    public var cmdlet: Cmdlet {
        switch self {
        case .displayName, .hiddenFromAddressLists: .setMailContact
        default: .setContact
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether two values of this field are the same for Exchange.
    func equivalent(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        switch self {
        case .hiddenFromAddressLists: return Self.flag(lhs) == Self.flag(rhs)
        case .countryOrRegion: return CountryCodes.equivalent(Self.text(lhs), Self.text(rhs))
        case .manager: return SyncText.equalIgnoringCase(Self.text(lhs), Self.text(rhs))
        default: return SyncText.normalize(Self.text(lhs)) == SyncText.normalize(Self.text(rhs))
        }
    }

    /// Text of a cmdlet output value (strings, numbers and booleans as Exchange prints them).
    public static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return SyncText.normalize(text)
        case .bool(let flag)?: return flag ? "True" : "False"
        case .number(let number)?: return number.rounded() == number ? String(Int64(number)) : String(number)
        default: return nil
        }
    }

    /// A boolean from cmdlet output (`true` or `"True"`); missing is false.
    static func flag(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let flag)?: return flag
        case .string(let text)?: return text.lowercased() == "true"
        default: return false
        }
    }

    /// Report text of a value.
    static func display(_ value: JSONValue?) -> String {
        text(value) ?? ""
    }
}
