import Foundation

/// The functions a callgrind profile (`callgrind.out`) saw run, read from its `ob=` and `fn=` lines.
///
/// Callgrind compresses names: the first `fn=(12) name` defines number 12, later lines say `fn=(12)`; objects
/// (`ob=`, `cob=`) and functions (`fn=`, `cfn=`) each share one table. A function has a `fn=` block once it has
/// run; `'2` after a name marks a recursion level, not another function.
struct CallgrindProfile {
    let text: String

    init(path: String) throws {
        text = try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The mangled names of the functions of the object file at `object` that ran.
    func functionsRun(in object: String) -> Set<String> {
        var objects: [Substring: Substring] = [:]
        var functions: [Substring: Substring] = [:]
        var inObject = false
        var names: Set<String> = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("ob=") {
                inObject = Self.resolve(line.dropFirst(3), in: &objects) == object[...]
            } else if line.hasPrefix("cob=") {
                _ = Self.resolve(line.dropFirst(4), in: &objects)
            } else if line.hasPrefix("cfn=") {
                _ = Self.resolve(line.dropFirst(4), in: &functions)
            } else if line.hasPrefix("fn=") {
                let name = Self.resolve(line.dropFirst(3), in: &functions)
                if inObject, let name, !name.hasPrefix("0x") {
                    names.insert(String(name.split(separator: "'", maxSplits: 1).first ?? name))
                }
            }
        }
        return names
    }

    /// `(N) name` defines N as name; `(N)` looks it up; a name without a number stands for itself.
    private static func resolve(_ value: Substring, in table: inout [Substring: Substring]) -> Substring? {
        guard value.hasPrefix("("), let close = value.firstIndex(of: ")") else { return value }
        let number = value[value.index(after: value.startIndex)..<close]
        let rest = value[value.index(after: close)...]
        if rest.hasPrefix(" ") { table[number] = rest.dropFirst() }
        return table[number]
    }
}
