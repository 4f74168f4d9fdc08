import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import M365Simulator
import NIOCore
import Synchronization

extension HTTPTestServer {
    func respond(to request: Request, context: LoopbackRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let recorded = RecordedRequest(
            method: request.method.rawValue,
            target: request.uri.description,
            headers: headers,
            body: Data(body.readableBytesView)
        )
        let (fault, handler) = state.withLock { state -> (Fault?, Handler?) in
            state.requests.append(recorded)
            return (state.faults.isEmpty ? nil : state.faults.removeFirst(), state.handler)
        }
        if let fault { return try await respond(with: fault, context: context) }
        if let reply = handler?(recorded) {
            var response = Response(
                status: .init(code: reply.status),
                body: .init(byteBuffer: ByteBuffer(string: reply.body))
            )
            for (name, value) in reply.headers {
                if let field = Self.replyHeaders.first(where: { $0.canonicalName == name.lowercased() }) {
                    response.headers[field] = value
                }
            }
            return response
        }
        return normalResponse(recorded)
    }

    private func respond(with fault: Fault, context: LoopbackRequestContext) async throws -> Response {
        switch fault {
        case .status(let status, let retryAfter):
            var response = Self.json(
                status: status,
                #"{"error":{"code":"TooManyRequests","message":"Please retry again later."}}"#
            )
            if let retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        case .htmlPage(let status):
            let page = "<html><body><h1>Service Unavailable</h1></body></html>"
            return Self.response(status, contentType: "text/html; charset=utf-8", ByteBuffer(string: page))
        case .dropConnection:
            try await context.dropConnection()
        case .truncatedBody:
            let channel = context.channel
            var response = Response(
                status: .ok,
                body: ResponseBody(contentLength: 1000) { writer in
                    try await writer.write(ByteBuffer(string: #"{"value":[{"id":"1"}"#))
                    try await channel.close()
                }
            )
            response.headers[.contentType] = "application/json"
            return response
        case .slow(let delay):
            try await Task.sleep(for: delay)
            return Self.json(status: 200, #"{"slow":true}"#)
        }
    }

    private func normalResponse(_ request: RecordedRequest) -> Response {
        let path = request.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.target
        let parts = path.split(separator: "/").map(String.init)
        if parts.first == "status", parts.count == 2, let code = Int(parts[1]) {
            return Self.json(status: code, #"{"status":\#(code)}"#)
        }
        if parts.first == "bytes", parts.count == 2, let count = Int(parts[1]) {
            let bytes = ByteBuffer(repeating: UInt8(ascii: "a"), count: count)
            return Self.response(200, contentType: "application/octet-stream", bytes)
        }
        if parts.first == "gzip" {
            var plain = ByteBuffer(string: #"{"gzip":true}"#)
            guard let compressed = try? plain.compress(with: .gzip()) else {
                return Self.json(status: 500, #"{"error":"gzip failed"}"#)
            }
            var response = Self.response(200, contentType: "application/json", compressed)
            response.headers[.contentEncoding] = "gzip"
            return response
        }
        if parts.first == "echo" {
            let echo = Echo(
                method: request.method,
                target: request.target,
                headers: request.headers,
                body: String(decoding: request.body, as: UTF8.self)
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = (try? encoder.encode(echo)) ?? Data()
            return Self.json(status: 200, String(decoding: data, as: UTF8.self))
        }
        return Self.json(status: 200, #"{"path":"\#(path)"}"#)
    }

    static func json(status: Int, _ text: String) -> Response {
        response(status, contentType: "application/json", ByteBuffer(string: text))
    }

    static func response(_ status: Int, contentType: String, _ body: ByteBuffer) -> Response {
        Response(status: .init(code: status), headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }

    /// The headers a scripted ``Reply`` may set.
    static let replyHeaders: [HTTPField.Name] = [.contentType, .retryAfter, .location, .contentEncoding]
}

/// The `/echo` route's answer: the request as the server saw it.
private struct Echo: Encodable {
    var method: String
    var target: String
    var headers: [String: String]
    var body: String
}
