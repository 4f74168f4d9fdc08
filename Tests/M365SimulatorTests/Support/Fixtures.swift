import Foundation
import M365Primitives
import M365Simulator
import Testing

/// The real example payloads in `shared/reference/graph-fixtures/`, found beside the repository.
enum Fixtures {
    static let directory: URL? = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        var candidate = root
        for _ in 0..<3 {
            candidate.deleteLastPathComponent()
            let path = candidate.appendingPathComponent("shared/reference/graph-fixtures")
            if FileManager.default.fileExists(atPath: path.path) { return path }
        }
        return nil
    }()

    static func load(_ name: String) throws -> JSONValue {
        let directory = try #require(directory, "graph-fixtures not found beside the repository")
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONValue(decoding: data)
    }

    /// Every property of `fixture` exists in `actual` with the same JSON shape (null matches any scalar or object).
    static func shapeMismatches(_ actual: JSONValue, _ fixture: JSONValue, path: String = "$") -> [String] {
        switch (fixture, actual) {
        case (.null, _), (_, .null): return []
        case (.object(let expected), .object(let got)):
            var problems: [String] = []
            for (key, value) in expected {
                guard let mine = got[key] else {
                    problems.append("\(path).\(key) missing")
                    continue
                }
                problems += shapeMismatches(mine, value, path: "\(path).\(key)")
            }
            return problems
        case (.array(let expected), .array(let got)):
            guard let first = expected.first, let mine = got.first else { return [] }
            return shapeMismatches(mine, first, path: path + "[0]")
        case (.string, .string), (.bool, .bool): return []
        case (.number, .number): return []
        default: return ["\(path): expected \(kind(fixture)), got \(kind(actual))"]
        }
    }

    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
