import Foundation
import HTTPTypes
import Logging
import M365Core
import M365Curl
import M365Primitives

/// Exchange Online admin API (`InvokeCommand`) for one tenant.
public struct ExchangeClient: Sendable {
    let tenant: TenantConfiguration
    let engine: RequestEngine
    let tokens: TokenProvider
    let options: M365ClientOptions

    /// The app-only anchor mailbox header value.
    var anchorMailbox: String {
        "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@\(tenant.tenantId)"
    }

    var invokeURL: String {
        URLBuilder.url(tenant.endpoints.exchange, "/adminapi/beta/\(URLBuilder.segment(tenant.tenantId))/InvokeCommand")
    }

    /// Runs a cmdlet and returns every output object (all pages), `@odata.type` annotations removed.
    ///
    /// Switches are booleans (`"Confirm": false`). Failures are ``M365Error`` of kind `notFound`,
    /// `duplicateName`, `addressInUse`, `accessDenied`, `throttled`, `unknownParameter` or `exchangeCommand`.
    /// `@adminapi.warnings` are logged as warnings.
    public func invoke(
        cmdlet: String,
        parameters: [String: JSONValue] = [:],
        select: [String]? = nil
    ) async throws -> [[String: JSONValue]] {
        let body = JSONDecoding.encode(
            .object(["CmdletInput": .object(["CmdletName": .string(cmdlet), "Parameters": .object(parameters)])])
        )
        let kind = "exchange.\(cmdlet)"
        let idempotent = !cmdlet.lowercased().hasPrefix("new-")
        var url = URLBuilder.url(invokeURL, "", query: select.map { [("$select", $0.joined(separator: ","))] } ?? [])
        var rows: [[String: JSONValue]] = []
        var seen: Set<String> = [url]
        while true {
            let request = ServiceRequest(
                head: HTTPRequest(
                    method: .post,
                    url: url,
                    headerFields: [
                        .contentType: "application/json", .cmdletName: cmdlet, .anchorMailbox: anchorMailbox,
                        .prefer: "odata.maxpagesize=\(options.exchangePageSize)", .responseFormat: "json",
                    ]
                ),
                body: body,
                kind: kind,
                resource: .exchange,
                idempotent: idempotent,
                errorParser: { response, context in ExchangeErrorParser.error(response, context: context) }
            )
            let response = try await engine.perform(request, tokens: tokens.source)
            let context = ResponseContext(operation: kind, response: response)
            let object = try JSONDecoding.object(response, context: context)
            logWarnings(object["@adminapi.warnings"], cmdlet: cmdlet)
            for row in try JSONDecoding.valueArray(object, context: context) { rows.append(Self.stripAnnotations(row)) }
            guard let next = object["@odata.nextLink"]?.stringValue, !next.isEmpty else { return rows }
            guard seen.insert(next).inserted, URLBuilder.sameOrigin(next, invokeURL) else {
                throw M365Error.invalidResponse(
                    "@odata.nextLink repeats a page or points to another host",
                    context: context
                )
            }
            url = next
        }
    }

    /// Removes `@odata.type` and `Name@odata.type` annotation keys.
    static func stripAnnotations(_ row: [String: JSONValue]) -> [String: JSONValue] {
        row.filter { !$0.key.hasSuffix("@odata.type") }
    }

    private func logWarnings(_ value: JSONValue?, cmdlet: String) {
        for warning in value?.arrayValue ?? [] {
            let text = warning.stringValue ?? "\(warning)"
            engine.logger.warning("Exchange warning", metadata: ["cmdlet": "\(cmdlet)", "warning": "\(text)"])
        }
    }
}
