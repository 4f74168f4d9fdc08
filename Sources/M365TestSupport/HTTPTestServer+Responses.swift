import Foundation
import Hummingbird
import NIOCore
import Synchronization

extension HTTPTestServer {
    func respond(to request: Request, context: TestServerContext) async throws -> Response {
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
                switch name.lowercased() {
                case "content-type": response.headers[.contentType] = value
                case "retry-after": response.headers[.retryAfter] = value
                case "location": response.headers[.location] = value
                case "content-encoding": response.headers[.contentEncoding] = value
                default: continue
                }
            }
            return response
        }
        return normalResponse(recorded)
    }

    private func respond(with fault: Fault, context: TestServerContext) async throws -> Response {
        switch fault {
        case .status(let status, let retryAfter):
            var response = Self.json(
                status: status,
                #"{"error":{"code":"TooManyRequests","message":"Please retry again later."}}"#
            )
            if let retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        case .htmlPage(let status):
            var response = Response(
                status: .init(code: status),
                body: .init(byteBuffer: ByteBuffer(string: "<html><body><h1>Service Unavailable</h1></body></html>"))
            )
            response.headers[.contentType] = "text/html; charset=utf-8"
            return response
        case .dropConnection:
            try await context.channel.close()
            throw TestServerError(message: "connection dropped on purpose")
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
            var response = Response(
                status: .ok,
                body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "a"), count: count))
            )
            response.headers[.contentType] = "application/octet-stream"
            return response
        }
        if parts.first == "gzip" {
            var response = Response(
                status: .ok,
                body: .init(byteBuffer: ByteBuffer(bytes: Gzip.stored(Array(#"{"gzip":true}"#.utf8))))
            )
            response.headers[.contentType] = "application/json"
            response.headers[.contentEncoding] = "gzip"
            return response
        }
        if parts.first == "echo" {
            let object: [String: Any] = [
                "method": request.method, "target": request.target, "headers": request.headers,
                "body": String(decoding: request.body, as: UTF8.self),
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return Self.json(status: 200, String(decoding: data, as: UTF8.self))
        }
        return Self.json(status: 200, #"{"path":"\#(path)"}"#)
    }

    static func json(status: Int, _ text: String) -> Response {
        var response = Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: text)))
        response.headers[.contentType] = "application/json"
        return response
    }
}

/// gzip framing around stored (uncompressed) deflate blocks, enough to exercise decoding.
enum Gzip {
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        var offset = 0
        repeat {
            let chunk = min(65_535, data.count - offset)
            let last: UInt8 = offset + chunk >= data.count ? 1 : 0
            out.append(last)
            out.append(contentsOf: [UInt8(chunk & 0xff), UInt8(chunk >> 8)])
            out.append(contentsOf: [UInt8(~chunk & 0xff), UInt8((~chunk >> 8) & 0xff)])
            out.append(contentsOf: data[offset..<offset + chunk])
            offset += chunk
        } while offset < data.count
        out.append(contentsOf: littleEndian(crc32(data)))
        out.append(contentsOf: littleEndian(UInt32(truncatingIfNeeded: data.count)))
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) }
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xedb8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
