import Foundation
import M365Primitives

/// One journal entry as `journalctl -o json` shows it; binary values are decoded as UTF-8.
public struct JournalEntry: Sendable, CustomStringConvertible {
    /// Every field; a field that occurs more than once keeps its first value here.
    public let fields: [String: String]
    /// Every value of every field, for fields that occur more than once.
    public let allValues: [String: [String]]

    public subscript(name: String) -> String? { fields[name] }

    public var description: String {
        fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    init(json: [String: JSONValue]) {
        var fields: [String: String] = [:]
        var all: [String: [String]] = [:]
        for (name, raw) in json {
            let values = Self.values(raw)
            all[name] = values
            fields[name] = values.first
        }
        self.fields = fields
        self.allValues = all
    }

    /// A string, a byte array, or an array of either (repeated fields).
    private static func values(_ raw: JSONValue) -> [String] {
        switch raw {
        case .string(let text):
            return [text]
        case .array(let array):
            let bytes = array.compactMap { $0.numberValue.flatMap(UInt8.init(exactly:)) }
            if !array.isEmpty, bytes.count == array.count {
                return [String(decoding: bytes, as: UTF8.self)]
            }
            return array.flatMap(values)
        default:
            return []
        }
    }
}

/// Reads the real journal through `journalctl`, for tests that write through the journald backend.
public enum JournalReader {
    /// Whether a journald socket and `journalctl` are there.
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: "/run/systemd/journal/socket") && journalctlPath != nil
    }

    /// Entries whose fields equal all of `matches` (e.g. `["M365SYNC_TEST_ID": id]`), oldest first.
    public static func entries(matching matches: [String: String]) async throws -> [JournalEntry] {
        guard let journalctl = journalctlPath else { throw ReaderError(message: "journalctl not found") }
        let arguments =
            ["-o", "json", "--no-pager", "--all"] + matches.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let data = Data(
            try await BuiltProducts.runExecutable(URL(fileURLWithPath: journalctl), arguments: arguments)
                .standardOutput.utf8
        )
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            (try? JSONValue(decoding: Data(line)))?.objectValue.map(JournalEntry.init(json:))
        }
    }

    /// Polls until at least `count` matching entries are readable (journald is asynchronous to readers).
    ///
    /// Returns what was found at the deadline, which may be fewer; the caller's expectations then fail.
    public static func waitForEntries(
        matching matches: [String: String],
        count: Int = 1,
        timeout: Duration = .seconds(15)
    ) async throws -> [JournalEntry] {
        let deadline = ContinuousClock.now + timeout
        var found = try await entries(matching: matches)
        while found.count < count && ContinuousClock.now < deadline {
            // journald offers readers no event for "written"; a short poll it is.
            try await Task.sleep(for: .milliseconds(100))
            found = try await entries(matching: matches)
        }
        return found
    }

    /// `journalctl` could not be run.
    public struct ReaderError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    private static var journalctlPath: String? {
        ["/usr/bin/journalctl", "/bin/journalctl"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
