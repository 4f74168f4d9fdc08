/// A JSON path inside a configuration file, written `.target.mailboxes[2]`.
public struct ConfigPath: Sendable, Hashable, CustomStringConvertible {
    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private(set) var components: [Component]

    /// The whole document.
    public static let root = ConfigPath(components: [])

    public func appending(_ key: String) -> ConfigPath {
        ConfigPath(components: components + [.key(key)])
    }

    public func appending(index: Int) -> ConfigPath {
        ConfigPath(components: components + [.index(index)])
    }

    /// `.a.b[2]`; keys that are not plain identifiers are quoted (`.tenants["my tenant"]`).
    public var description: String {
        components.map { component in
            switch component {
            case .index(let index): "[\(index)]"
            case .key(let key) where Self.isPlain(key): ".\(ConfigExcerpt.excerpt(key))"
            case .key(let key): "[\(ConfigExcerpt.quoted(key))]"
            }
        }.joined()
    }

    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty
            && key.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-$".unicodeScalars.contains(scalar)
            }
    }
}
