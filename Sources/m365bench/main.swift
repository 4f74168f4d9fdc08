import Foundation

// m365bench all|personal-contacts [--users N] [--mailboxes N]: figures against the in-process simulator.
let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "all"
let options = BenchOptions(arguments: Array(arguments.dropFirst()))
switch mode {
case "all", "personal-contacts":
    do {
        try await PersonalContactsBench(options: options).run()
    } catch {
        FileHandle.standardError.write(Data("m365bench: \(error)\n".utf8))
        exit(1)
    }
default:
    FileHandle.standardError.write(Data("usage: m365bench all|personal-contacts [--users N] [--mailboxes N]\n".utf8))
    exit(64)
}
