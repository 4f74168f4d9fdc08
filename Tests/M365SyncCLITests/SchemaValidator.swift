import Foundation
import M365TestSupport

/// Validates JSON documents against the shipped JSON Schemas with python3's `jsonschema` (draft 2020-12).
enum SchemaValidator {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 module jsonschema is missing: install it with `apt-get install python3-jsonschema`")
            sys.exit(3)
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        result = {}
        for path in sys.argv[2:]:
            result[path] = [e.message for e in validator.iter_errors(json.load(open(path)))]
        print(json.dumps(result))
        """

    /// The schema errors of each file, by path. Throws when python3 or jsonschema is missing or the schema is invalid.
    static func errors(schema: String, files: [String]) async throws -> [String: [String]] {
        let result: CompletedProcess
        do {
            result = try await BuiltProducts.runExecutable(
                URL(fileURLWithPath: "/usr/bin/env"),
                arguments: ["python3", "-c", script, schema] + files
            )
        } catch {
            throw Failure(description: "python3 is required to check the JSON Schemas: \(error)")
        }
        guard result.status == 0,
            let decoded = try? JSONDecoder().decode([String: [String]].self, from: Data(result.standardOutput.utf8))
        else {
            throw Failure(
                description:
                    "schema check failed (exit \(result.status)): \(result.standardOutput) \(result.standardError)"
            )
        }
        return decoded
    }
}
