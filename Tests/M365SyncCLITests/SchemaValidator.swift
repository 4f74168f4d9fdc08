import Foundation

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
    static func errors(schema: String, files: [String]) throws -> [String: [String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema] + files
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        do {
            try process.run()
        } catch {
            throw Failure(description: "python3 is required to check the JSON Schemas: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errorOutput.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
            let decoded = try? JSONSerialization.jsonObject(with: data) as? [String: [String]]
        else {
            throw Failure(
                description:
                    "schema check failed (exit \(process.terminationStatus)): \(text) \(String(decoding: errorData, as: UTF8.self))"
            )
        }
        return decoded
    }
}
