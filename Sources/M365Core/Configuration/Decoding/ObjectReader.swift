/// Reads one JSON object key by key, remembering which keys are known so that the rest can be reported.
///
/// Every known key is asked for (present or not) before `finish()`, which reports the others as unknown
/// with the nearest known key as a suggestion.
final class ObjectReader {
    let path: ConfigPath
    let context: ConfigDecodingContext
    private var values: [String: ConfigJSON] = [:]
    private var keysInOrder: [String] = []
    private var known: [String] = []
    /// Misspelt keys already explained by a "missing required key" error.
    private var explained: Set<String> = []

    /// Reads `node` as an object; reports and returns nil when it is something else.
    init?(_ node: ConfigJSON, at path: ConfigPath, context: ConfigDecodingContext) {
        guard case .object(let members) = node else {
            context.error(path, "expected an object, found \(node.kindDescription)")
            return nil
        }
        self.path = path
        self.context = context
        for member in members {
            if values[member.key] != nil {
                context.error(path.appending(member.key), "duplicate key \"\(member.key)\"; a key may appear only once")
                continue
            }
            values[member.key] = member.value
            keysInOrder.append(member.key)
        }
        if let comment = values["$comment"] { checkComment(comment) }
    }

    /// The value of a known key, or nil when it is absent.
    func value(_ key: String) -> ConfigJSON? {
        known.append(key)
        return values[key]
    }

    /// Whether the object has `key`, without declaring it known.
    func contains(_ key: String) -> Bool {
        values[key] != nil
    }

    /// Declares `$schema` (allowed at the top of every file, for editors) and checks it is a string.
    func allowSchemaKey() {
        guard let schema = value("$schema") else { return }
        if case .string = schema { return }
        context.error(path.appending("$schema"), "expected a string, found \(schema.kindDescription)")
    }

    /// Reports a required key as missing; when a present key looks like a misspelling of it, says so
    /// (and that key is not reported again as unknown).
    func reportMissing(_ key: String, _ explanation: String) {
        var message = "missing required key \(ConfigExcerpt.quoted(key)) (\(explanation))"
        let misspelt = keysInOrder.first { candidate in
            candidate != key && !known.contains(candidate) && !explained.contains(candidate)
                && KeySuggestion.nearest(to: candidate, among: [key]) == key
        }
        if let misspelt {
            explained.insert(misspelt)
            message += "; found \(ConfigExcerpt.quoted(misspelt)): did you mean \(ConfigExcerpt.quoted(key))?"
        }
        context.error(path.appending(misspelt ?? key), message)
    }

    /// Reports every key that no one asked for.
    func finish() {
        for key in keysInOrder where key != "$comment" && !known.contains(key) && !explained.contains(key) {
            context.error(path.appending(key), Self.unknownKeyMessage(key, known: known))
        }
    }

    /// The path of `key` in this object.
    func path(_ key: String) -> ConfigPath {
        path.appending(key)
    }

    static func unknownKeyMessage(_ key: String, known: [String]) -> String {
        let candidates = known.filter { $0 != "$schema" }
        if let suggestion = KeySuggestion.nearest(to: key, among: candidates) {
            return "unknown key \(ConfigExcerpt.quoted(key)); did you mean \(ConfigExcerpt.quoted(suggestion))?"
        }
        let list = candidates.map { "\"\($0)\"" }.joined(separator: ", ")
        return candidates.isEmpty
            ? "unknown key \(ConfigExcerpt.quoted(key))"
            : "unknown key \(ConfigExcerpt.quoted(key)); known keys: \(list)"
    }

    private func checkComment(_ comment: ConfigJSON) {
        switch comment {
        case .string: return
        case .array(let lines) where lines.allSatisfy({ if case .string = $0 { true } else { false } }): return
        default:
            context.error(path.appending("$comment"), "expected a string or an array of strings (a comment)")
        }
    }
}
