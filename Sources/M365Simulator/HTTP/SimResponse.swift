import Foundation
import M365Primitives

/// What a handler answers: a status, headers and a body, or a transport-level misbehaviour.
struct SimResponse: Sendable {
    /// Transport behaviours injected by faults.
    enum Transport: Sendable, Equatable {
        case normal
        /// Close the connection without answering.
        case drop
    }

    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var transport: Transport = .normal
    /// Seconds to wait before answering.
    var delay: Double = 0

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response with Graph's content type.
    static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> SimResponse {
        var all = headers
        if !all.contains(where: { $0.0.lowercased() == "content-type" }) {
            all.append(
                (
                    "Content-Type",
                    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
                )
            )
        }
        return SimResponse(status: status, headers: all, body: value.serialized())
    }

    /// No answer: the connection closes.
    static var dropped: SimResponse {
        var response = SimResponse(status: 0)
        response.transport = .drop
        return response
    }

    static func empty(_ status: Int, headers: [(String, String)] = []) -> SimResponse {
        SimResponse(status: status, headers: headers)
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var bodyJSON: JSONValue? { try? JSONValue(decoding: Data(body)) }
}
