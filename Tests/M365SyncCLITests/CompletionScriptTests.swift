import Foundation
import M365TestSupport
import Testing

/// The bash completion script the binary generates, loaded into a real bash.
@Suite struct CompletionScriptTests {
    /// Sources `m365sync --generate-completion-script bash`, completes `words` (the last one is being typed)
    /// with the script's own function, and returns the candidates.
    func complete(_ words: [String]) async throws -> [String] {
        let binary = try BuiltProducts.executable("m365sync").path
        let generated = try await BuiltProducts.run("m365sync", arguments: ["--generate-completion-script", "bash"])
        try #require(generated.status == 0, "\(generated.standardError)")
        let folder = try ScratchDirectory()
        let script = folder.appending("m365sync.bash")
        try generated.standardOutput.write(toFile: script, atomically: true, encoding: .utf8)
        // The function is found the way bash finds it: through `complete -p` for the command.
        let quoted = ([binary] + words.dropFirst()).map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source '\(script)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            function=$(complete -p m365sync | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')
            "$function" m365sync "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try await BuiltProducts.runExecutable(
            URL(fileURLWithPath: "/bin/bash"),
            arguments: ["--norc", "--noprofile", "-c", program],
            environment: ["PATH": "/usr/bin:/bin"]
        )
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput.split(separator: "\n").map(String.init)
    }

    @Test func completesSubcommands() async throws {
        #expect(try await complete(["m365sync", "r"]) == ["run"])
        #expect(Set(try await complete(["m365sync", "c"])) == ["clear", "check"])
    }

    @Test func completesJobNamesFromTheConfiguration() async throws {
        let directory = try TestConfigDirectory.valid()
        defer { directory.remove() }
        try directory.write(
            "jobs.d/hr.json",
            #"{"name": "people", "kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"mailboxes": ["a@b.example"]}}"#
        )
        let jobs = try await complete(["m365sync", "run", "--config", directory.path, "--job", ""])
        #expect(Set(jobs) == ["people", "sales"])
        #expect(try await complete(["m365sync", "check", "--config", directory.path, "--job", "s"]) == ["sales"])
    }
}
