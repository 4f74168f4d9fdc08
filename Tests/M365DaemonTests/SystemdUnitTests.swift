import Foundation
import M365TestSupport
import Testing

/// Path of `systemd-analyze`, when installed.
private let systemdAnalyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// `systemd/m365sync.service` passes `systemd-analyze verify` and rates 2.0 or better in `security`.
@Suite("systemd unit", .enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed"))
struct SystemdUnitTests {
    /// The unit in the repository, found from this source file.
    static let unitPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd/m365sync.service").path

    @Test("the exposure level is 2.0 or lower")
    func securityRating() async throws {
        let result = try await run(["security", "--offline=yes", Self.unitPath])
        let line = try #require(result.output.split(separator: "\n").last { $0.contains("Overall exposure level") })
        let figure = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
        #expect(figure <= 2.0, "\(line)")
    }

    @Test("verify is clean with ExecStart pointing at the built binary")
    func verify() async throws {
        let scratch = try ScratchDirectory(prefix: "m365sync-unit")
        let binary = try BuiltProducts.executable("m365sync").path
        let text = try TextFile.read(Self.unitPath)
        #expect(text.contains("ExecStart=/usr/local/bin/m365sync daemon --config /etc/m365sync"))
        let copy = scratch.appending("m365sync.service")
        try text.replacingOccurrences(of: "/usr/local/bin/m365sync", with: binary)
            .write(toFile: copy, atomically: true, encoding: .utf8)
        // The man page named by Documentation= is generated at package build; `make test-package` verifies the
        // installed unit with it in place.
        let result = try await run(["verify", "--man=no", copy])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "\(result.output)")
    }

    @Test("the unit keeps the settings operations rely on")
    func requiredSettings() throws {
        let text = try TextFile.read(Self.unitPath)
        for setting in [
            "Type=notify", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "RestartPreventExitStatus=78",
            "WatchdogSec=", "TimeoutStopSec=30s", "DynamicUser=yes", "StateDirectory=m365sync",
            "LogsDirectory=m365sync", "ConfigurationDirectory=m365sync", "#LoadCredential=",
            "MemoryDenyWriteExecute=yes", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
        ] {
            #expect(text.contains("\n" + setting), "missing \(setting)")
        }
        // The benches start the daemon with the same environment.
        for (name, value) in ServiceEnvironment.values {
            #expect(text.contains("\nEnvironment=\(name)=\(value)\n"), "missing Environment=\(name)=\(value)")
        }
    }

    private func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let done = try await BuiltProducts.runExecutable(
            URL(fileURLWithPath: try #require(systemdAnalyze)),
            arguments: arguments
        )
        return (done.status, done.standardOutput + done.standardError)
    }
}
