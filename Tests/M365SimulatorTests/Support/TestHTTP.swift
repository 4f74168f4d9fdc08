import Foundation
import HTTPTypes
import M365Curl
import M365Primitives
import M365Simulator
import M365TestSupport

/// An HTTP answer as the tests see it.
struct HTTPResult: Sendable {
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: Data

    var json: JSONValue { (try? JSONValue(decoding: Data([UInt8](body)))) ?? .null }
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Plain HTTP over loopback with m365sync's own transport (a fresh one per request: no connection reuse after
/// faults). Foundation's URLSession is not used: on Linux it is libcurl behind FoundationNetworking, and leaks there.
enum TestHTTP {
    static func send(
        _ method: String,
        _ url: String,
        headers: [String: String] = [:],
        body: Data? = nil,
        timeout: Double = 30
    ) async throws -> HTTPResult {
        // Foundation's URL percent-encodes what may not stand in a URL (a space in a test's `$filter`), as
        // URLSession did; curl itself refuses such a URL.
        guard let method = HTTPRequest.Method(method), let url = URL(string: url)?.absoluteString else {
            throw URLError(.badURL)
        }
        var fields = HTTPFields()
        for (name, value) in headers {
            guard let name = HTTPField.Name(name) else { throw URLError(.badURL) }
            fields[name] = value
        }
        let request = HTTPTransportRequest(
            HTTPRequest(method: method, url: url, headerFields: fields),
            body: body,
            timeout: .milliseconds(Int(timeout * 1000))
        )
        let transport = try HTTPTransport()
        defer { transport.shutdown() }
        let response = try await transport.send(request)
        var lowered: [String: String] = [:]
        for field in response.head.headerFields where lowered[field.name.canonicalName] == nil {
            lowered[field.name.canonicalName] = field.value
        }
        return HTTPResult(status: response.head.status.code, headers: lowered, body: response.body)
    }

    static func json(
        _ method: String,
        _ url: String,
        token: String?,
        body: JSONValue? = nil,
        headers: [String: String] = [:]
    ) async throws -> HTTPResult {
        var all = headers
        if let token { all["Authorization"] = "Bearer \(token)" }
        if body != nil { all["Content-Type"] = "application/json" }
        return try await send(method, url, headers: all, body: try body.map { try $0.encoded() })
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

/// Runs the real curl binary (HTTPS with `--cacert`, independent of m365sync's transport) through
/// swift-subprocess; output and errors together.
enum Curl {
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await BuiltProducts.runExecutable(
            URL(fileURLWithPath: "/usr/bin/curl"),
            arguments: ["--silent", "--show-error"] + arguments
        )
        return (result.status, result.standardOutput + result.standardError)
    }
}
