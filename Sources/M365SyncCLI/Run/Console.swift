import Foundation
import M365Core

/// Where a command's output goes: the report on stdout, everything else on stderr.
struct Console: Sendable {
    /// Whether stderr is a terminal (progress lines are shown only there).
    var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes the report (stdout carries nothing else).
    func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes a run report as JSON, one target at a time (``ReportJSON/stream(_:to:)``), then a newline.
    func outputJSON(_ report: RunReport) {
        ReportJSON.stream(report) { FileHandle.standardOutput.write($0) }
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
