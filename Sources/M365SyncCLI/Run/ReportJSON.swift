import Foundation
import M365Core

/// The report as pretty, key-sorted JSON.
enum ReportJSON {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        String(decoding: data(value), as: UTF8.self)
    }

    static func data<Value: Encodable>(_ value: Value) -> Data {
        (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Hands `write` the JSON of `report` in pieces, one target at a time: the same bytes as ``data(_:)``, without
    /// ever holding the whole run's JSON (or the encoder's tree of it) in memory.
    ///
    /// The report is encoded with a placeholder string for each target; each placeholder's line is replaced by
    /// that target's own JSON, indented to the placeholder's depth (a JSON text holds no raw newline but between
    /// its tokens, so indenting each line is safe).
    static func stream(_ report: RunReport, to write: (Data) -> Void) {
        let token = "m365sync-target-" + UUID().uuidString
        let skeleton = SkeletonRun(report, token: token)
        guard let outline = try? encoder.encode(skeleton) else { return write(data(report)) }
        let targets = report.jobs.flatMap(\.targets)
        let newline = UInt8(ascii: "\n")
        var lines = outline.split(separator: newline, omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            let end = lines.isEmpty ? Data() : Data([newline])
            guard let (indent, index, comma) = placeholder(in: line, token: token), index < targets.count,
                let target = try? encoder.encode(targets[index])
            else {
                write(Data(line) + end)
                continue
            }
            write(indented(target, by: indent) + (comma ? Data(",".utf8) : Data()) + end)
        }
    }

    /// `json` with `indent` before each of its lines but empty ones (as the encoder leaves the inside of `{}`).
    private static func indented(_ json: Data, by indent: Data) -> Data {
        var result = Data()
        result.reserveCapacity(json.count + json.count / 8)
        for (number, line) in json.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if number > 0 { result.append(UInt8(ascii: "\n")) }
            if !line.isEmpty { result.append(indent) }
            result.append(line)
        }
        return result
    }

    /// The indentation, target index and trailing comma of a placeholder line (`    "<token>-3",`); nil for any
    /// other line.
    private static func placeholder(in line: Data.SubSequence, token: String) -> (Data, Int, Bool)? {
        let indent = line.prefix { $0 == UInt8(ascii: " ") }
        var rest = String(decoding: line.dropFirst(indent.count), as: UTF8.self)
        let comma = rest.hasSuffix(",")
        if comma { rest.removeLast() }
        let prefix = "\"\(token)-"
        guard rest.hasPrefix(prefix), rest.hasSuffix("\""), let index = Int(rest.dropFirst(prefix.count).dropLast())
        else { return nil }
        return (Data(indent), index, comma)
    }
}

/// A run report with a placeholder string for each target (numbered across jobs): the outline streamed around
/// the targets. Its keys are those of ``RunReport`` and ``JobReport``; a test checks the stream against them.
private struct SkeletonRun: Encodable {
    struct Job: Encodable {
        var job: String
        var kind: JobKind
        var status: SyncStatus
        var error: String?
        var requests: RequestStats
        var targets: [String]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(job, forKey: .job)
            try container.encode(kind, forKey: .kind)
            try container.encode(status, forKey: .status)
            try container.encode(error, forKey: .error)
            try container.encode(requests, forKey: .requests)
            try container.encode(targets, forKey: .targets)
        }

        enum CodingKeys: String, CodingKey {
            case job, kind, status, error, requests, targets
        }
    }

    var runId: String
    var startedAt: String
    var finishedAt: String
    var dryRun: Bool
    var jobs: [Job]

    init(_ report: RunReport, token: String) {
        runId = report.runId
        startedAt = report.startedAt
        finishedAt = report.finishedAt
        dryRun = report.dryRun
        var next = 0
        jobs = report.jobs.map { job in
            let numbers = next..<(next + job.targets.count)
            next += job.targets.count
            return Job(
                job: job.job,
                kind: job.kind,
                status: job.status,
                error: job.error,
                requests: job.requests,
                targets: numbers.map { "\(token)-\($0)" }
            )
        }
    }
}
