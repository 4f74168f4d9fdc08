import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Request context that keeps the connection's channel, so faults can drop it.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    var maxUploadSize: Int { 64 * 1024 * 1024 }
}

/// Thrown after a fault closed the connection on purpose.
struct DroppedConnection: Error {}

/// Hummingbird glue: turns requests into `SimRequest`s for the engine and its answers into responses.
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext
    let engine: SimulatorEngine

    func respond(to request: Request, context: SimulatorRequestContext) async throws -> Response {
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
        if answer.transport == .drop {
            try? await context.channel.close()
            throw DroppedConnection()
        }
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
