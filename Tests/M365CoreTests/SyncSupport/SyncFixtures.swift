import Foundation
import M365Core
import M365Primitives

/// Builders of Graph-shaped objects for the sync tests.
enum SyncFixtures {
    /// Parses a JSON object literal (test input only).
    static func object(_ text: String) -> [String: JSONValue] {
        let value = try! JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        return value.objectValue!
    }

    /// A licensed, enabled member user `User <id>` with `<id>@contoso.com`, then the overrides.
    static func user(_ id: String, _ overrides: [String: JSONValue] = [:]) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "id": .string(id),
            "displayName": .string("User \(id)"),
            "mail": .string("\(id)@contoso.com"),
            "userPrincipalName": .string("\(id)@contoso.com"),
            "userType": .string("Member"),
            "accountEnabled": .bool(true),
            "assignedLicenses": .array([.object(["skuId": .string("sku")])]),
            "businessPhones": .array([]),
        ]
        for (key, value) in overrides { object[key] = value }
        return object
    }

    static func person(_ id: String, _ overrides: [String: JSONValue] = [:]) -> SourcePerson {
        SourcePerson(user: user(id, overrides))!
    }

}
