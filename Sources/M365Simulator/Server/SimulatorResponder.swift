import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Hummingbird glue: turns requests into `SimRequest`s for the engine and its answers into responses.
struct SimulatorResponder: HTTPResponder {
    typealias Context = LoopbackRequestContext
    let engine: SimulatorEngine

    func respond(to request: Request, context: LoopbackRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        let simRequest = SimRequest(
            method: request.method.rawValue,
            target: request.uri.string,
            headers: headers,
            body: Array(buffer.readableBytesView)
        )
        let answer = await engine.handle(simRequest)
        if answer.delay > 0 { try? await Task.sleep(for: .seconds(answer.delay)) }
        if answer.transport == .drop { try await context.dropConnection() }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        )
    }
}
