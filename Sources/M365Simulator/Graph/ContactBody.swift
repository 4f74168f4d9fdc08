import Foundation
import M365Primitives

/// Validates a contact body against the writable properties of `microsoft.graph.contact` and applies it.
enum ContactBody {
    enum PropertyType {
        case string, dateTime, strings, address, emails, email, extendedProperties, ignored, readOnly
    }

    static let types: [String: PropertyType] = {
        var types: [String: PropertyType] = [:]
        for name in MailboxContact.fieldStrings.keys { types[name] = .string }
        for key in MailboxContact.RareString.allCases { types[key.rawValue] = key == .birthday ? .dateTime : .string }
        for key in MailboxContact.RareList.allCases { types[key.rawValue] = .strings }
        types["businessPhones"] = .strings
        for key in MailboxContact.RareAddress.allCases { types[key.rawValue] = .address }
        types["businessAddress"] = .address
        types["emailAddresses"] = .emails
        for name in ["primaryEmailAddress", "secondaryEmailAddress", "tertiaryEmailAddress"] { types[name] = .email }
        types["singleValueExtendedProperties"] = .extendedProperties
        types["parentFolderId"] = .ignored
        for name in ["id", "changeKey", "createdDateTime", "lastModifiedDateTime"] { types[name] = .readOnly }
        return types
    }()

    static let stringType = "Edm.String"

    /// A request body that is a valid contact object, or the error the service would give.
    static func parse(_ bytes: [UInt8]) throws(GraphError) -> [String: JSONValue] {
        guard let body = try? JSONValue(decoding: Data(bytes)) else {
            throw .requestBodyRead("Invalid JSON. A token was not recognized in the JSON content.")
        }
        if let error = validate(body) { throw error }
        return body.objectValue ?? [:]
    }

    /// Checks every member; returns the first error the service would give.
    static func validate(_ body: JSONValue) -> GraphError? {
        guard let object = body.objectValue else {
            return .requestBodyRead(
                "An unexpected '\(nodeName(body))' node was found when reading from the JSON reader. A 'StartObject' node was expected."
            )
        }
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            if name.hasPrefix("@odata.") || name.contains("@odata.") { continue }
            guard let type = types[name] else {
                return .requestBodyRead(
                    "The property '\(name)' does not exist on type 'Microsoft.OutlookServices.Contact'. Make sure to only use property names that are defined by the type or mark the type as open type."
                )
            }
            if let error = check(name, value, type) { return error }
        }
        return nil
    }

    private static func nodeName(_ value: JSONValue) -> String {
        switch value {
        case .array: return "StartArray"
        case .object: return "StartObject"
        default: return "PrimitiveValue"
        }
    }

    private static func check(_ name: String, _ value: JSONValue, _ type: PropertyType) -> GraphError? {
        switch type {
        case .ignored: return nil
        case .readOnly:
            return GraphError(
                status: 400,
                code: "ErrorInvalidPropertySet",
                message: "The property '\(name)' is read-only and cannot be set."
            )
        case .string, .dateTime: return checkPrimitive(value, dateTime: type == .dateTime)
        case .strings: return checkStrings(name, value)
        case .address:
            let members: Set = ["street", "city", "state", "postalCode", "countryOrRegion"]
            let type = "Microsoft.OutlookServices.PhysicalAddress"
            return value.isNull ? nil : checkStringMembers(name, value, allowed: members, type: type)
        case .email: return value.isNull ? nil : checkEmail(name, value)
        case .emails: return checkEmails(name, value)
        case .extendedProperties: return checkExtendedProperties(name, value)
        }
    }

    /// The service's error for a property whose JSON node is not the `expected` one.
    private static func unexpectedNode(_ name: String, _ value: JSONValue, expected: String) -> GraphError {
        .requestBodyRead(
            "A node of type '\(nodeName(value))' was read from the JSON reader when trying to read the contents of the property '\(name)'; however, a '\(expected)' node was expected."
        )
    }

    private static func checkPrimitive(_ value: JSONValue, dateTime: Bool) -> GraphError? {
        switch value {
        case .null: return nil
        case .string(let text):
            if dateTime, !isDateTime(text) {
                return .requestBodyRead(
                    "Cannot convert the literal '\(text)' to the expected type 'Edm.DateTimeOffset'."
                )
            }
            return nil
        case .number, .bool:
            return .requestBodyRead(
                "Cannot convert the literal '\(value.text)' to the expected type '\(dateTime ? "Edm.DateTimeOffset" : stringType)'."
            )
        default:
            return .requestBodyRead(
                "An unexpected '\(nodeName(value))' node was found when reading from the JSON reader. A 'PrimitiveValue' node was expected."
            )
        }
    }

    private static func checkStrings(_ name: String, _ value: JSONValue) -> GraphError? {
        guard let items = value.arrayValue else { return unexpectedNode(name, value, expected: "StartArray") }
        for item in items where item.stringValue == nil {
            return .requestBodyRead(
                "Cannot convert the literal '\(item.text)' to the expected type '\(stringType)'."
            )
        }
        return nil
    }

    /// An object whose members (other than `@odata.` annotations) are all among `allowed` and all strings.
    private static func checkStringMembers(
        _ name: String,
        _ value: JSONValue,
        allowed: Set<String>,
        type: String
    ) -> GraphError? {
        guard let members = value.objectValue else { return unexpectedNode(name, value, expected: "StartObject") }
        for (key, item) in members.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("@odata.") {
            guard allowed.contains(key) else {
                return .requestBodyRead(
                    "The property '\(key)' does not exist on type '\(type)'. Make sure to only use property names that are defined by the type."
                )
            }
            if let error = check(key, item, .string) { return error }
        }
        return nil
    }

    private static func checkEmails(_ name: String, _ value: JSONValue) -> GraphError? {
        guard let items = value.arrayValue else { return unexpectedNode(name, value, expected: "StartArray") }
        if items.count > 3 {
            return GraphError(
                status: 400,
                code: "ErrorInvalidArgument",
                message: "The number of email addresses cannot exceed 3."
            )
        }
        for item in items {
            if let error = checkEmail(name, item) { return error }
        }
        return nil
    }

    private static func checkExtendedProperties(_ name: String, _ value: JSONValue) -> GraphError? {
        guard let items = value.arrayValue else { return unexpectedNode(name, value, expected: "StartArray") }
        for item in items {
            guard let members = item.objectValue, let id = members["id"]?.stringValue,
                members["value"]?.stringValue != nil
            else {
                return .requestBodyRead(
                    "Each single-value extended property needs a string 'id' and a string 'value'."
                )
            }
            guard isExtendedPropertyId(id) else {
                return GraphError(
                    status: 400,
                    code: "ErrorInvalidProperty",
                    message: "The extended property id '\(id)' is not valid."
                )
            }
            for key in members.keys.sorted() where !["id", "value"].contains(key) && !key.hasPrefix("@odata.") {
                return .requestBodyRead(
                    "The property '\(key)' does not exist on type 'Microsoft.OutlookServices.SingleValueLegacyExtendedProperty'."
                )
            }
        }
        return nil
    }

    private static func checkEmail(_ name: String, _ value: JSONValue) -> GraphError? {
        checkStringMembers(name, value, allowed: ["name", "address"], type: "Microsoft.OutlookServices.EmailAddress")
    }

    /// `String {GUID} Name X` or `String 0x1234`-style ids.
    static func isExtendedPropertyId(_ id: String) -> Bool {
        let parts = id.split(separator: " ")
        guard parts.count >= 2 else { return false }
        if parts[1].hasPrefix("0x") { return parts.count == 2 }
        guard parts[1].hasPrefix("{"), parts[1].hasSuffix("}"), GraphIDs.isGUID(String(parts[1].dropFirst().dropLast()))
        else {
            return false
        }
        return parts.count >= 4 && ["name", "id"].contains(parts[2].lowercased())
    }

    private static func isDateTime(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count >= 10, chars[4] == "-", chars[7] == "-" else { return false }
        return Int(String(chars[0..<4])) != nil && Int(String(chars[5..<7])) != nil && Int(String(chars[8..<10])) != nil
    }
}
