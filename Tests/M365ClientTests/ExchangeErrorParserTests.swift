import Foundation
import HTTPTypes
import M365Core
import M365Curl
import M365Primitives
import Testing

@testable import M365Client

@Suite struct ExchangeErrorParserTests {
    static func envelope(_ detail: String, code: String = "InternalServerError") -> Data {
        let object: JSONValue = .object([
            "error": .object([
                "code": .string(code), "message": .string("Error executing cmdlet"),
                "details": .array([.object(["code": .string("Client"), "message": .string(detail)])]),
            ])
        ])
        return JSONDecoding.encode(object)
    }

    static func response(_ status: Int, _ body: Data, type: String = "application/json") -> HTTPTransportResponse {
        HTTPTransportResponse(
            head: HTTPResponse(status: .init(code: status), headerFields: [.contentType: type, .requestId: "rid-1"]),
            body: body
        )
    }

    static func context(_ response: HTTPTransportResponse) -> ResponseContext {
        ResponseContext(operation: "exchange.New-MailContact", clientRequestId: "crid-1", response: response)
    }

    static func error(_ response: HTTPTransportResponse) -> M365Error {
        ExchangeErrorParser.error(response, context: context(response))
    }

    @Test func detailMessageIsSplitIntoIdTypeAndText() {
        let body = Self.envelope(
            "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x' couldn't be found."
        )
        let parsed = ExchangeErrorParser.parse(body)
        #expect(parsed?.exceptionType == "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException")
        #expect(parsed?.text.hasPrefix("The operation couldn't be performed") == true)
        #expect(parsed?.code == "InternalServerError")
    }

    @Test func fixtureFromTheReferenceParses() throws {
        let url = URL(
            fileURLWithPath: "/work/shared/reference/graph-fixtures/exo/invokecommand-error-notfound.thirdparty.json"
        )
        guard let data = FileManager.default.contents(atPath: url.path) else { return }
        let error = Self.error(Self.response(500, data))
        #expect(error.kind == .notFound)
    }

    @Test(arguments: [
        (
            500, "A|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|object couldn't be found",
            M365Error.Kind.notFound
        ),
        (
            400,
            "B|Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException|The name 'x' is already being used.",
            .duplicateName
        ),
        (
            400, "C|Microsoft.Exchange.Data.ProxyAddressExistsException|The proxy address is already being used",
            .addressInUse
        ),
        (
            400,
            "D|System.Management.Automation.ParameterBindingException|A parameter cannot be found that matches parameter name 'DomainController'.",
            .unknownParameter
        ),
        (403, "E|Microsoft.Exchange.Configuration.Tasks.AccessDeniedException|Access denied", .accessDenied),
        (
            500,
            "F|Microsoft.Exchange.Admin.Throttling|The maximum number of concurrent requests per tenant has been exceeded",
            .throttled
        ),
        (429, "G|X|Too many requests", .throttled),
        (400, "H|Microsoft.Exchange.Configuration.Tasks.SomethingElseException|Something else", .exchangeCommand),
    ])
    func errorClasses(status: Int, detail: String, kind: M365Error.Kind) {
        let error = Self.error(Self.response(status, Self.envelope(detail)))
        #expect(error.kind == kind)
        #expect(error.status == status)
        #expect(error.requestId == "rid-1")
        #expect(error.clientRequestId == "crid-1")
        #expect(!error.message.contains("|"))
    }

    @Test func emptyForbiddenBodyIsAccessDenied() {
        let error = Self.error(Self.response(403, Data(), type: "text/plain"))
        #expect(error.kind == .accessDenied)
    }

    @Test func htmlErrorPageNamesItsContentType() {
        let error = Self.error(Self.response(502, Data("<html>bad gateway</html>".utf8), type: "text/html"))
        #expect(error.kind == .serviceUnavailable)
        #expect(error.contentType == "text/html")
        #expect(error.description.contains("502"))
    }

    @Test func annotationsAreStripped() {
        let row: [String: JSONValue] = [
            "Name": .string("x"), "Name@odata.type": .string("#String"),
            "@odata.type": .string("#Exchange.MailContact"),
            "EmailAddresses@odata.type": .string("#Collection(String)"), "EmailAddresses": .array([]),
        ]
        #expect(ExchangeClient.stripAnnotations(row) == ["Name": .string("x"), "EmailAddresses": .array([])])
    }
}
