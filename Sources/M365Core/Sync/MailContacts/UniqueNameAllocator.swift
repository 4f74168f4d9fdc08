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

    /// Keeps `current` when it is a candidate of `base` not yet taken; otherwise allocates a new name.
    mutating func claim(current: String?, base: String) -> String {
        if let current, fits(current, base: base), !taken.contains(current.lowercased()) {
            taken.insert(current.lowercased())
            return current
        }
        return allocate(base)
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
