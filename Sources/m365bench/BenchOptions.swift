/// A benchmark's `--name value` options, read from its arguments; a flag without a value (`--all-actions`, `--tls`)
/// is a name of its own.
struct BenchArguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    init(_ arguments: [String], flags known: Set<String> = []) {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if known.contains(name) {
                flags.insert(name)
                index += 1
            } else {
                if index + 1 < arguments.count { values[name] = arguments[index + 1] }
                index += 2
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The option's value read by `parse`, or `fallback` when it is absent or does not parse.
    func value<Value>(_ name: String, _ fallback: Value, _ parse: (String) -> Value?) -> Value {
        values[name].flatMap(parse) ?? fallback
    }

    func int(_ name: String, _ fallback: Int) -> Int { value(name, fallback) { Int($0) } }
}

/// Sizes of a benchmark run: `--users N` and `--mailboxes N` (defaults 5,000 and 50).
struct BenchOptions {
    var users = 5000
    var mailboxes = 50

    init(arguments: [String]) {
        let options = BenchArguments(arguments)
        users = options.int("--users", users)
        mailboxes = options.int("--mailboxes", mailboxes)
    }
}
