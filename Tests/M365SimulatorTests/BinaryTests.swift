import Foundation
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

@Suite("m365sim binary")
struct BinaryTests {
    static var binary: URL? {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("m365sim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// Starts m365sim with its stdout on a pipe; the process and the JSON line it printed first.
    private func launch(_ arguments: [String], input: ChildStream = .null) async throws -> (KillableProcess, JSONValue)
    {
        let binary = try #require(Self.binary, "m365sim not found beside the test bundle; build it first (swift build)")
        let process = try await KillableProcess.start(
            executable: binary,
            arguments: arguments,
            input: input,
            output: .pipe,
            error: .inherited
        )
        let line = try await offPool { try process.readOutputLine() }
        guard let json = try? JSONValue(decoding: Data(line.utf8)) else {
            process.send(SIGTERM)
            _ = try await offPool { process.waitForExit() }
            throw SimulatorError.invalidArgument("m365sim printed no JSON line: \(line)")
        }
        return (process, json)
    }

    private func stop(_ process: KillableProcess) async throws -> Int32? {
        process.send(SIGTERM)
        return try await offPool { process.waitForExit() }
    }

    @Test func servesHTTPAndStopsOnSIGTERM() async throws {
        let (process, info) = try await launch(["--json", "--users", "30", "--mailboxes", "2", "--seed", "3"])
        do {
            let base = try #require(info["baseURL"]?.stringValue)
            let tenant = try #require(info["tenants"]?.arrayValue?.first)
            #expect(base.hasPrefix("http://127.0.0.1:"))
            let token = try await TestHTTP.form(
                "\(base)/\(tenant["domain"]?.stringValue ?? "")/oauth2/v2.0/token",
                [
                    ("client_id", tenant["clientId"]?.stringValue ?? ""),
                    ("client_secret", tenant["clientSecret"]?.stringValue ?? ""),
                    ("grant_type", "client_credentials"), ("scope", SimSetup.graphScope),
                ]
            )
            let access = try #require(token.json["access_token"]?.stringValue)
            var url: String? = "\(base)/v1.0/users?$top=8"
            var count = 0
            while let next = url {
                let page = try await TestHTTP.json("GET", next, token: access)
                #expect(page.status == 200)
                count += page.json["value"]?.arrayValue?.count ?? 0
                url = page.json["@odata.nextLink"]?.stringValue
            }
            #expect(count == 30)
        } catch {
            _ = try? await stop(process)
            throw error
        }
        #expect(try await stop(process) == 0)
    }

    @Test func servesHTTPSWithTheCAFileItPrints() async throws {
        let (process, info) = try await launch(["--json", "--tls", "--users", "20", "--mailboxes", "1"])
        do {
            let base = try #require(info["baseURL"]?.stringValue)
            let caFile = try #require(info["caFile"]?.stringValue)
            let tenant = try #require(info["tenants"]?.arrayValue?.first)
            #expect(base.hasPrefix("https://"))
            let token = try await Curl.run([
                "--cacert", caFile, "-d", "client_id=\(tenant["clientId"]?.stringValue ?? "")",
                "--data-urlencode", "client_secret=\(tenant["clientSecret"]?.stringValue ?? "")", "-d",
                "grant_type=client_credentials",
                "--data-urlencode", "scope=\(SimSetup.graphScope)",
                "\(base)/\(tenant["tenantId"]?.stringValue ?? "")/oauth2/v2.0/token",
            ])
            let access = try #require(
                (try? JSONValue(decoding: Data(token.output.utf8)))?["access_token"]?.stringValue,
                "\(token.output)"
            )
            let page = try await Curl.run([
                "--cacert", caFile, "-H", "Authorization: Bearer \(access)", "\(base)/v1.0/users?$top=5",
            ])
            let json = try JSONValue(decoding: Data(page.output.utf8))
            #expect(json["value"]?.arrayValue?.count == 5)
            #expect(json["@odata.nextLink"]?.stringValue?.hasPrefix(base) == true)
        } catch {
            _ = try? await stop(process)
            throw error
        }
        #expect(try await stop(process) == 0)
        let caFile = info["caFile"]?.stringValue ?? ""
        #expect(!FileManager.default.fileExists(atPath: caFile))
    }

    @Test func stopsWhenItsStandardInputEnds() async throws {
        let (process, info) = try await launch(
            ["--json", "--tls", "--users", "10", "--mailboxes", "1", "--stop-at-end-of-input"],
            input: .pipe
        )
        let caFile = try #require(info["caFile"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: caFile))
        #expect(process.isRunning)
        // What a parent's death does to the pipe, whatever killed it.
        process.closeInput()
        let status = try await offPool { process.waitForExit() }
        #expect(status == 0)
        #expect(!FileManager.default.fileExists(atPath: caFile))
    }
}
