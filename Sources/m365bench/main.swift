// m365bench: benchmarks against the simulator. Modes are subcommands; `client` measures the HTTP client alone.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "client":
    do {
        try await ClientBenchmark(arguments: Array(arguments.dropFirst())).run()
    } catch {
        print("m365bench client: \(error)")
        exit(1)
    }
default:
    print("usage: m365bench client [--users 50000] [--contacts 10000] [--tls] [--throttling]")
    exit(2)
}
