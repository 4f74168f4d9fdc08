import Foundation
import HTTPTypes
import Hummingbird
import M365Primitives

/// One request to the `/_sim/` control API, as a route handler reads it: path parameters, query and JSON body.
struct ControlCall: Sendable {
    let request: Request
    let context: LoopbackRequestContext
    /// The request's body, collected once (a request body can be iterated only once).
    let body: [UInt8]

    init(request: Request, context: LoopbackRequestContext) async throws {
        self.request = request
        self.context = context
        self.body = Array(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
    }

    /// The path parameter `name`, percent-decoded.
    func parameter(_ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    /// The `tenant` path parameter: a tenant id or domain.
    var tenant: String {
        get throws { try parameter("tenant") }
    }

    /// The first query value named `name`.
    func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// The body decoded as `T`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(body))
    }

    /// The body as a JSON object.
    func object() throws -> [String: JSONValue] {
        guard let object = try JSONValue(decoding: Data(body)).objectValue else {
            throw SimulatorError.invalidArgument("the body must be a JSON object")
        }
        return object
    }
}

extension SimResponse: ResponseGenerator {
    /// `value` as JSON (the control API's own encoding of the simulator's public types).
    static func encoded<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> SimResponse {
        let data = try JSONEncoder().encode(value)
        return SimResponse(status: status, headers: [.contentType: "application/json"], body: [UInt8](data))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: head.status,
            headers: head.headerFields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}

/// Answers the control API's failures as JSON: 404 for an unknown tenant, object or route, 400 for the rest.
struct ControlErrorMiddleware: RouterMiddleware {
    typealias Context = LoopbackRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let failure: SimResponse
        do {
            return try await next(request, context)
        } catch let error as SimulatorError {
            let unknown = error.name == "unknownTenant" || error.name == "unknownObject"
            failure = .json(unknown ? .notFound : .badRequest, Self.body(code: error.name, error.description))
        } catch let error as HTTPError where error.status == .notFound {
            let unknown = SimulatorError.unknownObject(request.uri.path)
            failure = .json(.notFound, Self.body(code: unknown.name, unknown.description))
        } catch {
            failure = .json(.badRequest, Self.body(code: "invalidRequest", "\(error)"))
        }
        return try failure.response(from: request, context: context)
    }

    private static func body(code: String, _ message: String) -> JSONValue {
        ["error": ["code": .string(code), "message": .string(message)]]
    }
}
