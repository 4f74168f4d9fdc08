import Foundation
import M365Simulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An HTTP answer as the tests see it.
struct HTTPResult: Sendable {
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: Data

    var json: SimJSON { (try? SimJSON.parse([UInt8](body))) ?? .null }
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Plain HTTP over loopback with URLSession (a fresh session per request: no connection reuse after faults).
enum TestHTTP {
    static func send(
        _ method: String,
        _ url: String,
        headers: [String: String] = [:],
        body: Data? = nil,
        timeout: Double = 30
    ) async throws -> HTTPResult {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.timeoutInterval = timeout
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var lowered: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { lowered[name.lowercased()] = value }
        }
        return HTTPResult(status: http.statusCode, headers: lowered, body: data)
    }

    static func json(
        _ method: String,
        _ url: String,
        token: String?,
        body: SimJSON? = nil,
        headers: [String: String] = [:]
    ) async throws -> HTTPResult {
        var all = headers
        if let token { all["Authorization"] = "Bearer \(token)" }
        if body != nil { all["Content-Type"] = "application/json" }
        return try await send(method, url, headers: all, body: body.map { Data($0.serialized()) })
    }

    static func form(_ url: String, _ fields: [(String, String)]) async throws -> HTTPResult {
        let body = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return try await send(
            "POST",
            url,
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data(body.utf8)
        )
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// Runs blocking work on its own thread, never on the (small) cooperative pool the simulator needs.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Runs the real curl binary (HTTPS with `--cacert`, independent of URLSession).
enum Curl {
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offPool { try runBlocking(arguments) }
    }

    private static func runBlocking(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["--silent", "--show-error"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
