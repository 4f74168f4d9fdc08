import Foundation
import M365TestSupport
import Subprocess
import SystemPackage
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("m365sync demo interrupted")
struct DemoInterruptionTests {
    /// Processes whose command line mentions `text`.
    private static func processes(mentioning text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.filter { pid in
            commandLine(of: pid).contains(text)
        }
    }

    /// `/proc/<pid>/cmdline` read with plain read(2) (empty when the process is gone).
    private static func commandLine(of pid: String) -> String {
        let descriptor = open("/proc/\(pid)/cmdline", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func ctrlCStopsTheSimulatorAndRemovesTheTemporaryFolder() async throws {
        let demo = try await Subprocess.run(
            .path(FilePath(try BuiltProducts.executable("m365sync").path)),
            // A long pause after each step: the demo is certainly still running when the test interrupts it.
            arguments: ["demo", "--pause", "120"],
            input: .none,
            output: .sequence,
            error: .discarded
        ) { execution in
            var lines = execution.standardOutput.strings().makeAsyncIterator()
            var configuration: String?
            // Interrupt once the simulator is up and the plan is shown (the demo then pauses).
            while let line = try await lines.next() {
                if line.hasPrefix("Configuration: ") { configuration = String(line.dropFirst("Configuration: ".count)) }
                if line.hasPrefix("1. Plan") { break }
            }
            let path = try #require(configuration, "the demo printed no configuration path")
            let root = URL(fileURLWithPath: path).deletingLastPathComponent().path
            #expect(!Self.processes(mentioning: root).isEmpty, "m365sim runs with its state under \(root)")
            try execution.send(signal: .interrupt)
            while try await lines.next() != nil {}
            return root
        }
        let root = demo.closureResult
        #expect(demo.terminationStatus == .exited(128 + SIGINT))
        #expect(!FileManager.default.fileExists(atPath: root))
        #expect(Self.processes(mentioning: root).isEmpty, "no m365sim left running")
    }
}
