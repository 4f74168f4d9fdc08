import Foundation
import HTTPTypes
import M365Primitives

/// What a handler answers: the head as swift-http-types carries it and a body, or a transport-level misbehaviour.
struct SimResponse: Sendable {
    /// Transport behaviours injected by faults.
    enum Transport: Sendable, Equatable {
        case normal
        /// Close the connection without answering.
        case drop
    }

    var head: HTTPResponse
    var body: [UInt8]
    var transport: Transport = .normal
    /// Seconds to wait before answering.
    var delay: Double = 0

    init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.head = HTTPResponse(status: status, headerFields: headers)
        self.body = body
    }

    /// The status code.
    var status: Int { head.status.code }

    /// The header fields.
    var headers: HTTPFields {
        get { head.headerFields }
        set { head.headerFields = newValue }
    }

    /// Graph's content type of JSON answers.
    static let graphJSON =
        "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

    /// A JSON response, with Graph's content type unless `headers` name one.
    static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields = [:]) -> SimResponse {
        var all = headers
        if all[.contentType] == nil { all[.contentType] = graphJSON }
        return SimResponse(status: status, headers: all, body: value.serialized())
    }

    /// No answer: the connection closes.
    static var dropped: SimResponse {
        var response = SimResponse(status: 0)
        response.transport = .drop
        return response
    }

    static func empty(_ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> SimResponse {
        SimResponse(status: status, headers: headers)
    }
}
