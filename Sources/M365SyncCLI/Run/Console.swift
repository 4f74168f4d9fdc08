import Foundation

/// Where a command's output goes: the report on stdout, everything else on stderr.
struct Console: Sendable {
    /// Whether stderr is a terminal (progress lines are shown only there).
    var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes the report (stdout carries nothing else).
    func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes a report already encoded (JSON), then a newline: no copy of it as text.
    func output(encoded data: Data) {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Writes a message line to stderr.
    func error(_ line: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((newline ? line + "\n" : line).utf8))
    }

    /// Redraws the progress line of a job on stderr.
    var progress: @Sendable (_ job: String, _ done: Int, _ total: Int) -> Void {
        { job, done, total in
            let end = done == total ? "\n" : ""
            FileHandle.standardError.write(Data("\r\(job): \(done)/\(total) targets\(end)".utf8))
        }
    }
}

/// The report as pretty, key-sorted JSON.
enum ReportJSON {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        String(decoding: data(value), as: UTF8.self)
    }

    /// The JSON as bytes, for a report that may be large (a run's): written as is, never copied into a string.
    static func data<Value: Encodable>(_ value: Value) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
