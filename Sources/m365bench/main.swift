// m365bench: benchmarks against the simulator. Each mode lives in its own file.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "all"
let rest = Array(arguments.dropFirst())

func fail(_ error: any Error) -> Never {
    FileHandle.standardError.write(Data("m365bench \(mode): \(error)\n".utf8))
    exit(1)
}

do {
    switch mode {
    case "all":
        let options = BenchOptions(arguments: rest)
        try await PersonalContactsBench(options: options).run()
        try await PhotoBench(options: options).run()
        try await MailContactsBench.measure(count: options.users)
        try await CeilingBench(arguments: []).run()
        try await MemoryBench(arguments: rest).run()
    case "personal-contacts":
        try await PersonalContactsBench(options: BenchOptions(arguments: rest)).run()
    case "photos":
        try await PhotoBench(options: BenchOptions(arguments: rest)).run()
    case "mail-contacts":
        try await MailContactsBench.measure(count: rest.first.flatMap(Int.init) ?? 5_000)
    case "memory":
        try await MemoryBench(arguments: rest).run()
    case "client":
        try await ClientBenchmark(arguments: rest).run()
    case "soak":
        try await SoakBench(arguments: rest).run()
    case "ceiling":
        try await CeilingBench(arguments: rest).run()
    case "order-file":
        try await OrderFileProfile(arguments: rest).run()
    default:
        FileHandle.standardError.write(
            Data(
                """
                usage: m365bench all [--users 5000] [--mailboxes 50]
                       m365bench personal-contacts [--users 5000] [--mailboxes 50]
                       m365bench photos [--users 5000] [--mailboxes 50]
                       m365bench mail-contacts [COUNT]
                       m365bench memory [--users 5000] [--mailboxes 50] [--concurrency 4] [--all-actions]
                         (1,000,000 contacts: --users 10000 --mailboxes 100)
                       m365bench client [--users 50000] [--contacts 10000] [--tls] [--throttling]
                       m365bench soak [--rounds 300] [--seeds 101,102,103]
                       m365bench ceiling [--mailboxes 20] [--contacts 3000]
                                         [--window-requests 1000] [--window-seconds 60]
                       m365bench order-file [--users 300] [--mailboxes 5] [--output packaging/m365sync.order]

                """.utf8
            )
        )
        exit(64)
    }
} catch {
    fail(error)
}
