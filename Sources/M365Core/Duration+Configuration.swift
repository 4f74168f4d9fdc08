/// Durations as written in the configuration: `45s`, `15m`, `1h30m`, `2d`.
extension Duration {
    /// Units in the order they must appear, with their length in seconds.
    private static let configurationUnits: [(unit: Character, seconds: Int64)] = [
        ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    /// The longest duration the configuration accepts (10 years), so that arithmetic never overflows.
    public static let configurationMaximum: Duration = .seconds(3_650 * 86_400)

    /// Parses `1h30m`-style text: whole numbers each followed by `d`, `h`, `m` or `s`, largest unit first.
    public init?(configurationText text: String) {
        var total: Int64 = 0
        var digits = ""
        var nextUnit = 0
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard !digits.isEmpty, digits.count <= 10, let value = Int64(digits),
                let position = Self.configurationUnits[nextUnit...].firstIndex(where: { $0.unit == character })
            else { return nil }
            total += value * Self.configurationUnits[position].seconds
            nextUnit = position + 1
            digits = ""
        }
        guard digits.isEmpty, !text.isEmpty, total <= Self.configurationMaximum.components.seconds else {
            return nil
        }
        self = .seconds(total)
    }

    /// The shortest configuration text for this duration (`1h30m`), in whole seconds.
    public var configurationText: String {
        var remaining = components.seconds
        if remaining == 0 { return "0s" }
        var text = remaining < 0 ? "-" : ""
        remaining = abs(remaining)
        for (unit, seconds) in Self.configurationUnits where remaining >= seconds {
            text += "\(remaining / seconds)\(unit)"
            remaining %= seconds
        }
        return text
    }
}
