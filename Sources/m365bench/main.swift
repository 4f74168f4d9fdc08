// m365bench: benchmarks against the simulator. Each mode lives in its own file.
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
case "mail-contacts":
    await MailContactsBench.run(arguments: Array(arguments.dropFirst()))
default:
    print(
        """
        usage: m365bench client [--users 50000] [--contacts 10000] [--tls] [--throttling]
               m365bench mail-contacts [COUNT]
        """
    )
    exit(2)
}
