/// Sizes of a benchmark run: `--users N` and `--mailboxes N` (defaults 5,000 and 50).
struct BenchOptions {
    var users = 5000
    var mailboxes = 50

    init(arguments: [String]) {
        var index = 0
        while index + 1 < arguments.count {
            let value = Int(arguments[index + 1])
            switch arguments[index] {
            case "--users": users = value ?? users
            case "--mailboxes": mailboxes = value ?? mailboxes
            default: break
            }
            index += 2
        }
    }
}
