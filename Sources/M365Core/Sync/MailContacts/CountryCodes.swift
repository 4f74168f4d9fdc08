/// Country names and ISO 3166 codes, so a country written either way compares equal.
///
/// Set-Contact takes a two-letter code or a name; Get-Contact returns the friendly name.
public enum CountryCodes {
    private static let table: (byKey: [String: String], names: [String: String]) = {
        var byKey: [String: String] = [:]
        var names: [String: String] = [:]
        for line in CountryTable.text.split(separator: "\n") {
            let parts = line.split(separator: "|").map(String.init)
            guard let code = parts.first, parts.count > 1 else { continue }
            names[code] = parts[1]
            byKey[code.lowercased()] = code
            for name in parts.dropFirst() { byKey[name.lowercased()] = code }
        }
        return (byKey, names)
    }()

    /// The alpha-2 code of a code or name (case-insensitive), or nil when unknown.
    public static func code(for text: String?) -> String? {
        guard let text = SyncText.normalize(text) else { return nil }
        return table.byKey[text.lowercased()]
    }

    /// The English short name of an alpha-2 code.
    public static func name(for code: String) -> String? {
        table.names[code.uppercased()]
    }

    /// Whether two country values mean the same country (unknown values compare as text, ignoring case).
    public static func equivalent(_ lhs: String?, _ rhs: String?) -> Bool {
        if let left = code(for: lhs), let right = code(for: rhs) { return left == right }
        return SyncText.equalIgnoringCase(lhs, rhs)
    }

    /// What to send to Set-Contact: the code when known, else the text as given.
    public static func parameterValue(for text: String?) -> String? {
        code(for: text) ?? SyncText.normalize(text)
    }
}
