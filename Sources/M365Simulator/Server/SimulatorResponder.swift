import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Hummingbird glue: `/_sim/` to the control API's router; every other request, as a `SimRequest`, to the engine.
struct SimulatorResponder: HTTPResponder {
    typealias Context = LoopbackRequestContext
    let engine: SimulatorEngine
    let control: RouterResponder<LoopbackRequestContext>

    func respond(to request: Request, context: LoopbackRequestContext) async throws -> Response {
        if request.uri.path.hasPrefix("/_sim/") { return try await control.respond(to: request, context: context) }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let head = HTTPRequest(
            method: request.method,
            scheme: nil,
            authority: nil,
            path: request.uri.string,
            headerFields: request.headers
        )
        let simRequest = SimRequest(head: head, body: Array(buffer.readableBytesView))
        let answer = await engine.handle(simRequest)
        if answer.delay > 0 { try? await Task.sleep(for: .seconds(answer.delay)) }
        if answer.transport == .drop { try await context.dropConnection() }
        return Response(
            status: answer.head.status,
            headers: answer.head.headerFields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        )
    }
}
