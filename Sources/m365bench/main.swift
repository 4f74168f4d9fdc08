// Benchmark modes; each lives in its own file.
switch CommandLine.arguments.dropFirst().first {
case "mail-contacts":
    await MailContactsBench.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
default:
    print("usage: m365bench mail-contacts [COUNT]")
}
