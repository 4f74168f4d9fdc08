/// Hands out unique names (case-insensitive) from a base, numbering clashes: `base-2`, `base-3`… or `base (2)`.
struct UniqueNameAllocator {
    enum Style {
        /// `base-2`: Exchange `Name` and `Alias`.
        case hyphen
        /// `base (2)`: display names.
        case parenthesized
    }

    var taken: Set<String>
    let style: Style
    let maxLength: Int

    init(taken: some Sequence<String>, style: Style, maxLength: Int) {
        self.taken = Set(taken.map { $0.lowercased() })
        self.style = style
        self.maxLength = maxLength
    }

    /// The candidate number `n` for `base` (1 is the base itself), cut to `maxLength`.
    func candidate(_ base: String, _ number: Int) -> String {
        guard number > 1 else { return String(base.prefix(maxLength)) }
        let suffix = style == .hyphen ? "-\(number)" : " (\(number))"
        return String(base.prefix(max(0, maxLength - suffix.count))) + suffix
    }

    /// Names for existing objects, keyed like `items`.
    ///
    /// Each keeps its current name while it still fits its base and no earlier item kept it. The others get new names
    /// that avoid every current name, so no rename collides whatever order the renames run in (a vacated name is
    /// reused on the next run).
    mutating func assign(_ items: [(key: String, current: String, base: String)]) -> [String: String] {
        var result: [String: String] = [:]
        for item in items where fits(item.current, base: item.base) && !taken.contains(item.current.lowercased()) {
            taken.insert(item.current.lowercased())
            result[item.key] = item.current
        }
        for item in items { taken.insert(item.current.lowercased()) }
        for item in items where result[item.key] == nil { result[item.key] = allocate(item.base) }
        return result
    }

    /// The first free candidate of `base`, now taken.
    mutating func allocate(_ base: String) -> String {
        var number = 1
        while taken.contains(candidate(base, number).lowercased()) { number += 1 }
        let name = candidate(base, number)
        taken.insert(name.lowercased())
        return name
    }

    /// Releases a name (a contact removed in the same run).
    mutating func release(_ name: String) {
        taken.remove(name.lowercased())
    }

    /// Whether `name` is `base` or one of its numbered candidates.
    func fits(_ name: String, base: String) -> Bool {
        if name == candidate(base, 1) { return true }
        guard let number = Self.trailingNumber(name, style: style), number > 1 else { return false }
        return name == candidate(base, number)
    }

    static func trailingNumber(_ name: String, style: Style) -> Int? {
        var text = Substring(name)
        if style == .parenthesized {
            guard text.hasSuffix(")") else { return nil }
            text = text.dropLast()
        }
        let digits = text.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < 7 else { return nil }
        let before = text.dropLast(digits.count)
        let marker = style == .hyphen ? "-" : " ("
        guard before.hasSuffix(marker) else { return nil }
        return Int(String(digits.reversed()))
    }
}
