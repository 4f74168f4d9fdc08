import Foundation
import M365TestSupport

/// `m365bench order-file`: the functions of m365sync that run, for the linker to place side by side.
///
/// The kernel maps a program's code in 64 KiB blocks around each page it executes (fault-around), so a few thousand
/// functions spread over 24 MiB of code keep most of it resident. This runs the release m365sync under callgrind
/// against the simulator, twice: the daemon started and left idle, then the daemon through a first sync. It writes
/// the functions that ran, those of the start first and then those only the run needed, each group in the binary's
/// present order, one mangled name per line: the file lld reads with `--symbol-ordering-file` (`Package.swift`).
struct OrderFileProfile {
    var users = 300
    var mailboxes = 5
    var output = "packaging/m365sync.order"

    /// `[--users N] [--mailboxes N] [--output PATH]`.
    init(arguments: [String]) {
        let parsed = BenchArguments(arguments)
        users = parsed.int("--users", users)
        mailboxes = parsed.int("--mailboxes", mailboxes)
        output = parsed.value("--output", output) { $0 }
    }

    func run() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/valgrind") else {
            throw BenchmarkError(message: "valgrind is needed (apt-get install valgrind)")
        }
        let scratch = try ScratchDirectory(prefix: "m365bench-order")
        // Valgrind cannot read the toolchain's DWARF 5; the symbol table is all it needs.
        let binary = scratch.appending("m365sync")
        try await Self.runTool("/usr/bin/objcopy", ["--strip-debug", try BenchProducts.url("m365sync").path, binary])
        let idle = try await profile(binary, root: scratch.appending("idle"), withRun: false)
        let run = try await profile(binary, root: scratch.appending("run"), withRun: true)
        let addresses = try await Self.functionAddresses(binary)
        let byAddress = { (names: Set<String>) in
            names.compactMap { name in addresses[name].map { (name, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
        }
        let first = byAddress(idle)
        let then = byAddress(run.subtracting(idle))
        let header = """
            # The functions of m365sync that ran, for lld's --symbol-ordering-file: those of the daemon's start, then
            # those of a first sync. Written by `make order-file` (m365bench order-file); see docs/operations.md.

            """
        try Data((header + (first + then).map { $0 + "\n" }.joined()).utf8).write(to: URL(fileURLWithPath: output))
        print("order-file: \(first.count) functions of the start, \(then.count) more of a run, written to \(output)")
    }

    /// The functions of `binary` callgrind saw run: the daemon started, and through a first sync and the memory
    /// release after it when `withRun`; the profile is dumped (`callgrind_control`) before the daemon is killed.
    private func profile(_ binary: String, root: String, withRun: Bool) async throws -> Set<String> {
        try await SimulatorChild.with(users: users, mailboxes: mailboxes) { simulator in
            // At debug level the daemon says when it has given memory back after a run.
            let config = try simulator.writeConfiguration(root: root, job: "bench", concurrency: 4, logLevel: "debug")
            let valgrind = [
                "/usr/bin/valgrind", "--tool=callgrind", "--demangle=no", "--callgrind-out-file=\(root)/callgrind.out",
                binary,
            ]
            let daemon = try BenchDaemon.start(valgrind, config: config, root: root)
            do {
                try await daemon.waitUntilReady(timeout: .seconds(600))
                if withRun {
                    try await daemon.runJobs(expecting: "bench", timeout: .seconds(1_800))
                    // The idle release (transport, caches, heap) runs a second after the run: its code is a run's.
                    let released = "Returned free memory to the system"
                    guard try await TextFile.waitFor(released, in: root + "/m365sync.log", timeout: .seconds(300))
                    else { throw BenchmarkError(message: "the daemon did not log \"\(released)\"; see \(root)") }
                }
                // The profile so far, without the way out (SIGTERM's shutdown runs once, at the end).
                try await Self.runTool("/usr/bin/callgrind_control", ["--dump", "\(daemon.process.pid)"])
            } catch {
                daemon.kill()
                throw error
            }
            daemon.kill()
            return try Self.functionsRun(in: binary, dumpsIn: root)
        }
    }

    /// The functions of `binary` in every profile callgrind dumped in `root`.
    private static func functionsRun(in binary: String, dumpsIn root: String) throws -> Set<String> {
        let dumps = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix("callgrind.out") }
        guard !dumps.isEmpty else { throw BenchmarkError(message: "callgrind wrote no profile in \(root)") }
        return try dumps.reduce(into: Set<String>()) { names, dump in
            names.formUnion(try CallgrindProfile(path: root + "/" + dump).functionsRun(in: binary))
        }
    }

    /// Every function symbol of `binary` and its address (`nm`).
    private static func functionAddresses(_ binary: String) async throws -> [String: UInt64] {
        let listing = try await runTool("/usr/bin/nm", ["--defined-only", binary])
        var addresses: [String: UInt64] = [:]
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3, "tTwW".contains(fields[1]), let address = UInt64(fields[0], radix: 16) else {
                continue
            }
            let name = String(fields[2])
            addresses[name] = min(address, addresses[name] ?? address)
        }
        return addresses
    }

    /// Runs a tool to its end; its standard output.
    @discardableResult
    private static func runTool(_ path: String, _ arguments: [String]) async throws -> String {
        let result = try await BuiltProducts.runExecutable(URL(fileURLWithPath: path), arguments: arguments)
        guard result.status == 0 else { throw BenchmarkError(message: "\(path) failed: \(result.standardError)") }
        return result.standardOutput
    }
}
