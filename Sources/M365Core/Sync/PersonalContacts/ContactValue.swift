import M365Primitives

/// The value of one contact field, as mapped from the source or read from the mailbox.
public enum ContactValue: Sendable, Hashable {
    case text(String?)
    case phones([String])
    case categories([String])
    case emails([ContactEmail])
    /// Boxed: an address is five strings, and every value of a contact (a run holds one per person) would
    /// otherwise take its size.
    indirect case address(ContactAddress)

    /// A canonical form: equal keys mean Graph holds the same value (whitespace, email case, order, empties).
    public var comparisonKey: [String] {
        switch self {
        case .text(let text): return SyncText.normalize(text).map { [$0] } ?? []
        case .phones(let numbers): return numbers.compactMap(SyncText.normalize).sorted()
        case .categories(let names):
            return Array(Set(names.compactMap(SyncText.normalize).map(SyncText.folded))).sorted()
        case .emails(let emails):
            return emails.compactMap { email -> String? in
                guard let address = SyncText.normalize(email.address) else { return nil }
                return SyncText.folded(address) + "\u{1}" + (SyncText.normalize(email.name) ?? "")
            }.sorted()
        case .address(let address):
            return address.isEmpty ? [] : address.normalized.map { $0 ?? "" }
        }
    }

    /// Whether the value is empty (what Graph shows as null, "", [] or an address of empty fields).
    public var isEmpty: Bool { comparisonKey.isEmpty }

    /// Whether two values are the same for Graph.
    public func isEquivalent(to other: ContactValue) -> Bool { comparisonKey == other.comparisonKey }

    /// The JSON written in a POST or PATCH body: null, [], or an address with every member (empty ones null).
    public var json: JSONValue {
        switch self {
        case .text(let text): return SyncText.normalize(text).map(JSONValue.string) ?? .null
        case .phones(let list), .categories(let list):
            return .array(list.compactMap(SyncText.normalize).map(JSONValue.string))
        case .emails(let emails):
            return .array(
                emails.compactMap { email -> JSONValue? in
                    guard let address = SyncText.normalize(email.address) else { return nil }
                    let name = SyncText.normalize(email.name) ?? address
                    return .object(["name": .string(name), "address": .string(address)])
                }
            )
        case .address(let address):
            var object: [String: JSONValue] = [:]
            for (key, value) in zip(ContactAddress.keys, address.normalized) {
                object[key] = value.map(JSONValue.string) ?? .null
            }
            return .object(object)
        }
    }

    /// A one-line rendering for reports and tables ("" when empty).
    public var display: String {
        switch self {
        case .text(let text): return SyncText.normalize(text) ?? ""
        case .phones(let list), .categories(let list):
            return list.compactMap(SyncText.normalize).joined(separator: ", ")
        case .emails(let emails):
            return emails.compactMap { email -> String? in
                guard let address = SyncText.normalize(email.address) else { return nil }
                guard let name = SyncText.normalize(email.name), name != address else { return address }
                return "\(name) <\(address)>"
            }.joined(separator: ", ")
        case .address(let address): return address.normalized.compactMap { $0 }.joined(separator: ", ")
        }
    }

    /// The value of `field` in a contact read from Graph (missing or null reads as empty).
    public static func read(_ field: ContactField, from contact: [String: JSONValue]) -> ContactValue {
        let value = contact[field.rawValue]
        switch field {
        case .businessPhones, .homePhones: return .phones(SyncText.normalizedList(value))
        case .categories: return .categories(SyncText.normalizedList(value))
        case .emailAddresses:
            let emails = (value?.arrayValue ?? []).compactMap(\.objectValue).compactMap { entry -> ContactEmail? in
                guard let address = SyncText.normalize(entry["address"]) else { return nil }
                return ContactEmail(name: SyncText.normalize(entry["name"]), address: address)
            }
            return .emails(emails)
        case .businessAddress:
            let object = value?.objectValue ?? [:]
            return .address(
                ContactAddress(
                    street: SyncText.normalize(object["street"]),
                    city: SyncText.normalize(object["city"]),
                    state: SyncText.normalize(object["state"]),
                    postalCode: SyncText.normalize(object["postalCode"]),
                    countryOrRegion: SyncText.normalize(object["countryOrRegion"])
                )
            )
        default: return .text(SyncText.normalize(value))
        }
    }
}
