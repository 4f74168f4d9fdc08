import ArgumentParser
import Foundation

/// `m365sync demo`: the personal contacts job against a simulated tenant, start to finish.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run both jobs against two simulated tenants (no Microsoft 365 needed).",
        discussion: """
            Starts m365sim (next to this executable) with two seeded tenants, writes a temporary configuration \
            with a personal contacts job and a tenant-to-tenant mail contacts job, shows a plan, the apply, a \
            directory change and the next run, then stops the simulator and removes the temporary folder.
            """
    )

    @Option(help: ArgumentHelp("The m365sim executable (default: next to m365sync).", valueName: "PATH"))
    var simulator: String?

    @Flag(help: "Keep the temporary folder (configuration, state, log) for a look afterwards.")
    var keep = false

    @Option(help: ArgumentHelp("Pause this many seconds after each step (for presenting).", valueName: "SECONDS"))
    var pause: Double = 0

    func validate() throws {
        guard pause >= 0, pause <= 3600 else { throw ValidationError("--pause must be 0…3600 seconds") }
    }

    func run() async throws {
        let executable = simulator.map(URL.init(fileURLWithPath:)) ?? SimulatorProcess.besideExecutable()
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ValidationError("m365sim not found at \(executable.path); `make demo` builds it")
        }
        do {
            var scenario = DemoScenario(console: Console(), simulatorExecutable: executable, keep: keep)
            scenario.pause = .milliseconds(Int(pause * 1000))
            try await scenario.run()
        } catch let error as DemoError {
            Console().error("m365sync demo: \(error)")
            throw ExitCode.failure
        }
    }
}
