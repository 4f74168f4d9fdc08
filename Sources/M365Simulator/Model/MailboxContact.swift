/// A personal contact stored in a mailbox, compactly: typed fields, rare ones kept sparse.
struct MailboxContact: Sendable {
    /// String properties kept only when set (most contacts have none of them), by Graph name.
    enum RareString: String, Sendable, CaseIterable {
        case assistantName, birthday, businessHomePage, fileAs, generation, initials, manager, middleName
        case nickName, personalNotes, profession, spouseName, title, yomiCompanyName, yomiGivenName, yomiSurname
    }

    /// String collections kept only when non-empty.
    enum RareList: String, Sendable, CaseIterable {
        case homePhones, imAddresses, children, categories
    }

    /// Addresses kept only when not empty.
    enum RareAddress: String, Sendable, CaseIterable {
        case homeAddress, otherAddress
    }

    /// A sparse property.
    enum Rare: Sendable {
        case string(RareString, String)
        case list(RareList, [String])
        case address(RareAddress, ContactAddress)
    }

    var seq: UInt32
    var folder: UInt32
    var changeSeq: UInt32
    var created: Int64
    var modified: Int64
    var displayName: String?
    var givenName: String?
    var surname: String?
    var companyName: String?
    var department: String?
    var jobTitle: String?
    var mobilePhone: String?
    var officeLocation: String?
    var businessPhones: [String] = []
    var emailAddresses: [ContactEmail] = []
    var businessAddress: ContactAddress?
    var extended: [ExtendedValue] = []
    var rare: [Rare] = []

    init(seq: UInt32, folder: UInt32, changeSeq: UInt32, created: Int64) {
        self.seq = seq
        self.folder = folder
        self.changeSeq = changeSeq
        self.created = created
        self.modified = created
    }

    func rareString(_ key: RareString) -> String? {
        for case .string(let k, let value) in rare where k == key { return value }
        return nil
    }

    func rareList(_ key: RareList) -> [String] {
        for case .list(let k, let value) in rare where k == key { return value }
        return []
    }

    mutating func setRare(_ key: RareString, _ value: String?) {
        rare.removeAll { if case .string(key, _) = $0 { return true } else { return false } }
        if let value { rare.append(.string(key, value)) }
    }

    mutating func setRare(_ key: RareList, _ value: [String]) {
        rare.removeAll { if case .list(key, _) = $0 { return true } else { return false } }
        if !value.isEmpty { rare.append(.list(key, value)) }
    }

    func rareAddress(_ key: RareAddress) -> ContactAddress? {
        for case .address(let k, let value) in rare where k == key { return value }
        return nil
    }

    mutating func setRare(_ key: RareAddress, _ value: ContactAddress?) {
        rare.removeAll { if case .address(key, _) = $0 { return true } else { return false } }
        if let value, !value.isEmpty { rare.append(.address(key, value)) }
    }
}

/// An `emailAddress` complex value.
struct ContactEmail: Sendable, Equatable {
    var name: String?
    var address: String?
}

/// A `physicalAddress` complex value.
struct ContactAddress: Sendable, Equatable {
    var street: String?
    var city: String?
    var state: String?
    var postalCode: String?
    var countryOrRegion: String?

    var isEmpty: Bool {
        street == nil && city == nil && state == nil && postalCode == nil && countryOrRegion == nil
    }
}

/// A single-value extended property: an interned property id and its value.
struct ExtendedValue: Sendable, Equatable {
    var property: UInt32
    var value: String
}

/// Interned extended property ids, matched case-insensitively as Exchange does.
struct ExtendedPropertyTable: Sendable {
    private(set) var names: [String] = []
    private var indexByKey: [String: UInt32] = [:]

    mutating func intern(_ id: String) -> UInt32 {
        let key = Self.key(id)
        if let index = indexByKey[key] { return index }
        let index = UInt32(names.count)
        names.append(id)
        indexByKey[key] = index
        return index
    }

    func lookup(_ id: String) -> UInt32? { indexByKey[Self.key(id)] }

    func name(_ index: UInt32) -> String { names[Int(index)] }

    static func key(_ id: String) -> String {
        id.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").lowercased()
    }
}
