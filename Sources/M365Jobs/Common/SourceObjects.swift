import M365Core
import M365Primitives

/// The users and org contacts a source read found, listed in full or merged from the mirror and a delta query.
struct SourceObjects: Sendable {
    /// The mirrored collections (empty for a full listing).
    var collections: [SourceCollection] = []
    private var listedUsers: [[String: JSONValue]] = []
    private var listedOrgContacts: [[String: JSONValue]] = []
    /// The person of every mirrored object, each parsed once, its manager's name taken from the manager's person.
    private var mirroredPeople: [SourcePerson] = []

    init(listedUsers: [[String: JSONValue]], listedOrgContacts: [[String: JSONValue]]) {
        self.listedUsers = listedUsers
        self.listedOrgContacts = listedOrgContacts
    }

    init(collections: [SourceCollection]) {
        self.collections = collections
        var people: [SourcePerson] = []
        for collection in collections {
            for text in collection.texts.values {
                if let person = Self.person(text, kind: collection.kind, managers: { _ in nil }) {
                    people.append(person)
                }
            }
        }
        let names = Dictionary(people.map { ($0.id, $0.displayName) }) { first, _ in first }
        for index in people.indices {
            if let manager = people[index].managerId { people[index].managerDisplayName = names[manager] ?? nil }
        }
        mirroredPeople = people
    }

    /// Objects without an id (a full listing's, or a delta's): the people they stood for may be missing.
    var anonymousCount: Int {
        collections.reduce(0) { $0 + $1.anonymousCount }
            + listedUsers.count(where: { SyncText.normalize($0["id"]) == nil })
            + listedOrgContacts.count(where: { SyncText.normalize($0["id"]) == nil })
    }

    /// Objects that changed in this read.
    var changedCount: Int { collections.reduce(0) { $0 + $1.previous.count } }

    /// Every person as now known; users limited to `filtered` when a `userFilter` gave ids.
    func current(filtered: Set<String>?) -> [SourcePerson] {
        let keep = { (person: SourcePerson) in person.kind != .user || filtered?.contains(person.id) ?? true }
        guard !collections.isEmpty else {
            let users = listedUsers.compactMap { SourcePerson(user: $0) }.filter(keep)
            return users + listedOrgContacts.compactMap { SourcePerson(orgContact: $0) }
        }
        return mirroredPeople.filter(keep)
    }

    /// The people as they were before this read, for every id whose mapping may have changed (its own object
    /// changed, or its manager's, whose name it shows) and that existed before.
    func previousPeople() -> [String: SourcePerson] {
        var changed = Set<String>()
        for collection in collections { changed.formUnion(collection.previous.keys) }
        guard !changed.isEmpty else { return [:] }
        var affected = changed
        for person in mirroredPeople where person.managerId.map(changed.contains) == true { affected.insert(person.id) }
        let names = { (id: String) in entry(id, previous: true).flatMap { Self.parse($0.text)?["displayName"] } }
        var result: [String: SourcePerson] = [:]
        for id in affected {
            guard let (text, kind) = entry(id, previous: true) else { continue }
            result[id] = Self.person(text, kind: kind, managers: names)
        }
        return result
    }

    /// An object's text and its collection's kind, now or before this read.
    private func entry(_ id: String, previous: Bool) -> (text: String, kind: String)? {
        for collection in collections {
            if previous, let before = collection.previous[id] {
                if let before { return (before, collection.kind) }
                continue
            }
            if let text = collection.texts[id] { return (text, collection.kind) }
        }
        return nil
    }

    private static func parse(_ text: String) -> [String: JSONValue]? {
        JSONValue(canonicalText: text)?.objectValue
    }

    /// The person of a mirrored object, which keeps the object's text (shared with the collection) as its raw one.
    private static func person(
        _ text: String,
        kind: String,
        managers: (String) -> JSONValue?
    ) -> SourcePerson? {
        guard let object = parse(text) else { return nil }
        let resolved = SourceCollection.withManager(object, managers: managers)
        return kind == "users"
            ? SourcePerson(user: resolved, rawText: text) : SourcePerson(orgContact: resolved, rawText: text)
    }
}

/// What a job's source read found: the selected people, and what the mirror needs to plan incrementally.
struct SourceRead: Sendable {
    var selection: SourceSelectionResult
    /// People as they were before this read, for ids whose mapping may have changed and that existed before.
    /// Empty without a mirror or when nothing changed.
    var previous: [String: SourcePerson]
    /// People now known but not selected, by id (with a mirror): a mirrored contact may still hold their values.
    var unselected: [String: SourcePerson]
    /// The mirrored collections to commit once the targets were brought in line.
    var collections: [SourceCollection]
}
