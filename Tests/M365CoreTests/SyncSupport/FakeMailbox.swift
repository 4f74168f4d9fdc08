import M365Core
import M365Primitives

/// A mailbox folder that applies plans the way Graph treats POST, PATCH and DELETE of contacts.
struct FakeMailbox {
    var contacts: [String: [String: JSONValue]] = [:]
    private var nextId = 0

    init(contacts: [[String: JSONValue]] = []) {
        for contact in contacts { self.contacts[contact["id"]!.stringValue!] = contact }
        nextId = contacts.count
    }

    /// What a listing with the marker expanded returns, in a stable order.
    var listing: [[String: JSONValue]] { contacts.keys.sorted().map { contacts[$0]! } }

    mutating func create(_ body: [String: JSONValue]) -> String {
        nextId += 1
        let id = "c\(String(nextId + 100_000))"
        var contact = body
        contact["id"] = .string(id)
        contact["createdDateTime"] = .string("2026-01-01T00:00:\(String(nextId + 10_000))Z")
        contacts[id] = contact
        return id
    }

    mutating func patch(_ id: String, _ body: [String: JSONValue]) {
        guard var contact = contacts[id] else { return }
        for (key, value) in body {
            if key == "singleValueExtendedProperties" {
                var merged = contact[key]?.arrayValue ?? []
                for property in value.arrayValue ?? [] {
                    merged.removeAll { $0.objectValue?["id"] == property.objectValue?["id"] }
                    merged.append(property)
                }
                contact[key] = .array(merged)
            } else {
                contact[key] = value
            }
        }
        contacts[id] = contact
    }

    mutating func delete(_ id: String) {
        contacts[id] = nil
    }

    /// Applies every add, update and allowed removal of a plan.
    mutating func apply(_ plan: PersonalContactsPlan) {
        for remove in plan.removes { delete(remove.contactId) }
        for update in plan.updates { patch(update.contactId, update.body) }
        for add in plan.adds { _ = create(add.body) }
    }

    /// Contacts carrying a marker of `job`, by source id.
    func managed(by job: String) -> [String: [[String: JSONValue]]] {
        var result: [String: [[String: JSONValue]]] = [:]
        for contact in listing {
            if let value = PersonalContactMarker.rawValue(in: contact), let marker = OwnershipMarker(parsing: value),
                marker.job == job
            {
                result[marker.sourceId, default: []].append(contact)
            }
        }
        return result
    }
}
