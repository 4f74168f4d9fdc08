import Foundation
import M365TestSupport
import Testing

@Suite("m365sync demo interrupted")
struct DemoInterruptionTests {
    /// A demo started as a process whose standard output the test reads line by line.
    private final class RunningDemo: @unchecked Sendable {
        let process = Process()
        private let output = Pipe()
        private var buffer = Data()

        init() throws {
            process.executableURL = try BuiltProducts.executable("m365sync")
            // A long pause after each step: the demo is certainly still running when the test interrupts it.
            process.arguments = ["demo", "--pause", "120"]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// Blocks until a line starting with `prefix` arrives, and returns the rest of it (nil at end of output).
        func line(startingWith prefix: String) -> String? {
            while true {
                let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
                if let line = lines.first(where: { $0.hasPrefix(prefix) }) {
                    return String(line.dropFirst(prefix.count))
                }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }

        func exitStatus() -> Int32 {
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// Processes whose command line mentions `text`.
    private static func processes(mentioning text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(text)
        }
    }

    @Test func ctrlCStopsTheSimulatorAndRemovesTheTemporaryFolder() async throws {
        let demo = try RunningDemo()
        let folder = try await offCooperativePool { () -> String? in
            let configuration = demo.line(startingWith: "Configuration: ")
            // Interrupt once the simulator is up and the plan is shown (the demo then pauses).
            _ = demo.line(startingWith: "1. Plan")
            return configuration.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        }
        let root = try #require(folder, "the demo printed no configuration path")
        #expect(!Self.processes(mentioning: root).isEmpty, "m365sim runs with its state under \(root)")

        kill(demo.process.processIdentifier, SIGINT)
        let status = try await offCooperativePool { demo.exitStatus() }
        #expect(status == 128 + SIGINT)
        #expect(!FileManager.default.fileExists(atPath: root))
        #expect(Self.processes(mentioning: root).isEmpty, "no m365sim left running")
    }
}
